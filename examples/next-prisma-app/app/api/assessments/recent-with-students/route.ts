import { prisma } from '../../../../lib/prisma';

// The latest scored assessments, each with its student read one by one.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const limit = Math.min(Math.max(parseInt(searchParams.get('limit') || '20'), 1), 50);
    const assessments = await prisma.assessment.findMany({
      select: { id: true, student_id: true, subject: true, level: true },
      orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    const rows = [];
    for (const assessment of assessments) {
      // Unscored assessments are left out: their students are never read.
      if (assessment.level === null) continue;
      const student = await prisma.student.findUnique({
        where: { id: assessment.student_id },
        select: { id: true, name: true, grade: true },
      });
      // The same count on every iteration, for the student's share of active students.
      const active = await prisma.student.count({ where: { is_active: true } });
      rows.push({ ...assessment, student, activeStudents: active });
    }
    return Response.json({ assessments: rows });
  } catch (error) {
    console.error('Error fetching recent assessments:', error);
    return Response.json({ error: 'Failed to fetch recent assessments' }, { status: 500 });
  }
}
