import { prisma } from '../../../../../lib/prisma';

export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> }
) {
  try {
    const { id } = await params;
    const studentId = parseInt(id);
    if (Number.isNaN(studentId)) {
      return Response.json({ error: 'Invalid student id' }, { status: 400 });
    }

    const student = await prisma.student.findUnique({
      where: { id: studentId },
      select: {
        id: true,
        name: true,
        grade: true,
        pilot_school: { select: { school_name: true } },
      },
    });
    if (!student) {
      return Response.json({ error: 'Student not found' }, { status: 404 });
    }

    const assessments = await prisma.assessment.findMany({
      where: { student_id: studentId },
      include: {
        added_by: {
          select: { name: true, role: true },
        },
        pilot_school: {
          select: { school_name: true },
        },
      },
      orderBy: [{ assessed_date: 'desc' }, { created_at: 'desc' }, { id: 'desc' }],
    });

    return Response.json({
      student,
      assessments,
      summary: {
        total: assessments.length,
        latestLevel: assessments.find((assessment) => assessment.level !== null)?.level ?? null,
      },
    });
  } catch (error) {
    console.error('Error fetching assessment history:', error);
    return Response.json({ error: 'Failed to fetch assessment history' }, { status: 500 });
  }
}
