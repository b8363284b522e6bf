import { prisma } from '../../../../lib/prisma';

// Dashboard of a mentor: everything in the schools assigned to them.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const mentorId = parseInt(searchParams.get('mentor_id') || '');
    if (Number.isNaN(mentorId)) {
      return Response.json({ error: 'mentor_id is required' }, { status: 400 });
    }

    const assignments = await prisma.userPilotSchoolAssignment.findMany({
      where: { user_id: mentorId },
      select: { pilot_school_id: true },
      orderBy: { pilot_school_id: 'asc' },
    });
    const schoolIds = assignments.map((assignment) => assignment.pilot_school_id);
    const inMySchools = { pilot_school_id: { in: schoolIds } };

    const [
      totalStudents,
      temporaryStudents,
      totalPilotSchools,
      totalAssessments,
      temporaryAssessments
    ] = await Promise.all([
      prisma.student.count({ where: { ...inMySchools, is_active: true } }),
      prisma.student.count({ where: { ...inMySchools, is_active: true, is_temporary: true } }),
      prisma.pilotSchool.count({ where: { id: { in: schoolIds } } }),
      prisma.assessment.count({ where: inMySchools }),
      prisma.assessment.count({ where: { ...inMySchools, is_temporary: true } })
    ]);

    const recentAssessments = await prisma.assessment.findMany({
      where: { ...inMySchools, added_by_id: mentorId },
      select: {
        id: true,
        subject: true,
        level: true,
        assessment_type: true,
        assessed_date: true,
        student: {
          select: { id: true, name: true },
        },
      },
      orderBy: [{ created_at: 'desc' }, { id: 'desc' }],
      take: 10,
    });

    const [baselineCount, midlineCount, endlineCount] = await Promise.all([
      prisma.assessment.count({ where: { ...inMySchools, assessment_type: 'baseline' } }),
      prisma.assessment.count({ where: { ...inMySchools, assessment_type: 'midline' } }),
      prisma.assessment.count({ where: { ...inMySchools, assessment_type: 'endline' } }),
    ]);

    return Response.json({
      schoolIds,
      students: { total: totalStudents, temporary: temporaryStudents },
      totalPilotSchools,
      assessments: {
        total: totalAssessments,
        temporary: temporaryAssessments,
        byType: { baseline: baselineCount, midline: midlineCount, endline: endlineCount },
      },
      recentAssessments,
    });
  } catch (error) {
    console.error('Error fetching mentor stats:', error);
    return Response.json({ error: 'Failed to fetch mentor stats' }, { status: 500 });
  }
}
