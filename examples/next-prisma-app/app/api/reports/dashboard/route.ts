import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

type MonthlyTrend = {
  month: string;
  assessments: number;
  khmer: number;
  math: number;
  levelRecorded: number;
};

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const schoolId = searchParams.get('school_id');
    const schoolFilter = schoolId ? { pilot_school_id: parseInt(schoolId) } : {};

    const [
      totalStudents,
      totalAssessments,
      totalSchools,
      totalTeachers,
      assessments,
      allStudents,
      baselineCount,
      midlineCount,
      endlineCount,
    ] = await Promise.all([
      prisma.student.count({ where: { ...schoolFilter, is_active: true } }),
      prisma.assessment.count({ where: schoolFilter }),
      prisma.pilotSchool.count(),
      prisma.user.count({ where: { role: 'teacher', is_active: true } }), // mentors are counted separately
      prisma.assessment.findMany({
        where: schoolFilter,
        select: { subject: true, level: true, assessment_type: true },
        orderBy: { id: 'asc' },
      }),
      // Student progress table: every active student with their assessment history
      prisma.student.findMany({
        where: { ...schoolFilter, is_active: true },
        include: {
          assessments: true,
        },
        orderBy: { id: 'asc' },
      }),
      prisma.assessment.count({ where: { ...schoolFilter, assessment_type: 'baseline' } }),
      prisma.assessment.count({ where: { ...schoolFilter, assessment_type: 'midline' } }),
      prisma.assessment.count({ where: { ...schoolFilter, assessment_type: 'endline' } }),
    ]);

    const levelDistribution: Record<string, Record<string, number>> = {};
    for (const assessment of assessments) {
      const level = assessment.level ?? 'not_recorded';
      levelDistribution[assessment.subject] ??= {};
      levelDistribution[assessment.subject][level] = (levelDistribution[assessment.subject][level] ?? 0) + 1;
    }

    // Trends for the last six calendar months (UTC), oldest first
    const today = now();
    const monthlyTrends: MonthlyTrend[] = [];
    for (let i = 5; i >= 0; i--) {
      const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
      const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));

      const monthAssessments = await prisma.assessment.count({
        where: { assessed_date: { gte: start, lt: end } },
      });
      const monthAssessmentsData = await prisma.assessment.findMany({
        where: { assessed_date: { gte: start, lt: end } },
        select: { subject: true, level: true },
      });

      monthlyTrends.push({
        month: start.toISOString().slice(0, 7),
        assessments: monthAssessments,
        khmer: monthAssessmentsData.filter((a) => a.subject === 'khmer').length,
        math: monthAssessmentsData.filter((a) => a.subject === 'math').length,
        levelRecorded: monthAssessmentsData.filter((a) => a.level !== null).length,
      });
    }

    return Response.json({
      overview: {
        totalStudents,
        totalAssessments,
        totalSchools,
        totalTeachers,
      },
      assessmentTypes: {
        baseline: baselineCount,
        midline: midlineCount,
        endline: endlineCount,
      },
      levelDistribution,
      students: allStudents,
      monthlyTrends,
    });
  } catch (error) {
    console.error('Error fetching dashboard report:', error);
    return Response.json({ error: 'Failed to fetch dashboard report' }, { status: 500 });
  }
}
