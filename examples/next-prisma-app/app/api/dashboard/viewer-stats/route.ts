import { prisma } from '../../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const [
      totalStudents,
      totalSchools,
      totalAssessments
    ] = await Promise.all([
      prisma.student.count({ where: { is_active: true } }),
      prisma.pilotSchool.count(),
      prisma.assessment.count(),
    ]);

    return Response.json({ totalStudents, totalSchools, totalAssessments });
  } catch (error) {
    console.error('Error fetching viewer stats:', error);
    return Response.json({ error: 'Failed to fetch viewer stats' }, { status: 500 });
  }
}
