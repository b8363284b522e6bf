import { prisma } from '../../../../lib/prisma';

// Students whose latest levels are still at the bottom of the ladder
const AT_RISK_LEVELS = ['beginner', 'letter'];

export async function GET(request: Request) {
  try {
    const atRiskWhere = {
      is_active: true,
      assessments: { some: { level: { in: AT_RISK_LEVELS } } },
    };

    const [
      totalStudents,
      activeStudents,
      totalAssessments,
      totalSchools,
      totalMentoringVisits,
      atRiskStudents
    ] = await Promise.all([
      prisma.student.count(),
      prisma.student.count({ where: { is_active: true } }),
      prisma.assessment.count(),
      prisma.pilotSchool.count(),
      prisma.mentoringVisit.count(),
      prisma.student.count({ where: atRiskWhere })
    ]);

    const atRiskStudentsData = await prisma.student.findMany({
      where: atRiskWhere,
      take: 10,
      orderBy: { id: 'asc' },
      select: {
        id: true,
        name: true,
        grade: true,
        pilot_school: {
          select: { school_name: true },
        },
        assessments: {
          select: {
            subject: true,
            level: true,
            assessment_type: true,
            assessed_date: true,
          },
          orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
        },
      },
    });

    return Response.json({
      totalStudents,
      activeStudents,
      totalAssessments,
      totalSchools,
      totalMentoringVisits,
      atRiskStudents,
      atRiskStudentsData,
    });
  } catch (error) {
    console.error('Error fetching admin stats:', error);
    return Response.json({ error: 'Failed to fetch admin stats' }, { status: 500 });
  }
}
