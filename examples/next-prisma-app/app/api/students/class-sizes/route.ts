import { prisma } from '../../../../lib/prisma';

// The newest students of a school, each with the size of their class. Some students have no
// class yet (class_id NULL): for them the count is of every student without a class, which is
// what `where: { class_id: null }` means.
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const schoolId = Number(searchParams.get('school_id') ?? '1');
  try {
    const students = await prisma.student.findMany({
      where: { pilot_school_id: schoolId },
      select: { id: true, name: true, class_id: true },
      orderBy: { id: 'desc' },
      take: 20,
    });
    const rows = [];
    for (const student of students) {
      const classSize = await prisma.student.count({ where: { class_id: student.class_id, is_active: true } });
      rows.push({ id: student.id, name: student.name, classId: student.class_id, classSize });
    }
    return Response.json({ students: rows });
  } catch (error) {
    console.error('Error fetching class sizes:', error);
    return Response.json({ error: 'Failed to fetch class sizes' }, { status: 500 });
  }
}
