import { prisma } from '../../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const [
      totalUsers,
      activeUsers,
      totalSchools,
      totalStudents,
      totalAssessments,
      totalMentoringVisits
    ] = await Promise.all([
      prisma.user.count(),
      prisma.user.count({ where: { is_active: true } }),
      prisma.pilotSchool.count(),
      prisma.student.count(),
      prisma.assessment.count(),
      prisma.mentoringVisit.count()
    ]);

    return Response.json({
      users: { total: totalUsers, active: activeUsers },
      totalSchools,
      totalStudents,
      totalAssessments,
      totalMentoringVisits,
    });
  } catch (error) {
    console.error('Error fetching administration stats:', error);
    return Response.json({ error: 'Failed to fetch administration stats' }, { status: 500 });
  }
}
