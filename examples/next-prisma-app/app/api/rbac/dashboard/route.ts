import { prisma } from '../../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const [
      totalUsers,
      activeUsers,
      adminUsers,
      coordinatorUsers,
      mentorUsers,
      teacherUsers,
      viewerUsers,
      totalSchools,
      totalStudents,
      totalAssessments,
      totalMentoringVisits
    ] = await Promise.all([
      prisma.user.count(),
      prisma.user.count({ where: { is_active: true } }),
      // Users per role
      prisma.user.count({ where: { role: 'admin' } }),
      prisma.user.count({ where: { role: 'coordinator' } }),
      prisma.user.count({ where: { role: 'mentor' } }),
      prisma.user.count({ where: { role: 'teacher' } }),
      prisma.user.count({ where: { role: 'viewer' } }),

      // System totals
      prisma.pilotSchool.count(),
      prisma.student.count({ where: { is_active: true } }), // temporary students included
      prisma.assessment.count(),
      prisma.mentoringVisit.count()
    ]);

    // Most recently changed accounts, with the schools they can see
    const recentActivities = await prisma.user.findMany({
      include: {
        pilot_school: {
          select: { id: true, school_name: true },
        },
        user_pilot_school_assignments: {
          include: {
            pilot_school: {
              select: { id: true, school_name: true },
            },
          },
        },
      },
      orderBy: [{ updated_at: 'desc' }, { id: 'desc' }],
      take: 20,
    });

    return Response.json({
      stats: {
        totalUsers,
        activeUsers,
        inactiveUsers: totalUsers - activeUsers,
        totalSchools,
        totalStudents,
        totalAssessments,
        totalMentoringVisits,
      },
      roleDistribution: {
        admin: adminUsers,
        coordinator: coordinatorUsers,
        mentor: mentorUsers,
        teacher: teacherUsers,
        viewer: viewerUsers,
      },
      recentActivities,
    });
  } catch (error) {
    console.error('Error fetching RBAC dashboard:', error);
    return Response.json({ error: 'Failed to fetch RBAC dashboard' }, { status: 500 });
  }
}
