import { prisma } from '@/lib/prisma';

export async function GET() {
  const [
    totalUsers,
    activeUsers,
    adminUsers,
    coordinatorUsers
  ] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { is_active: true } }),
    prisma.user.count({ where: { role: 'admin' } }),
    prisma.user.count({ where: { role: 'coordinator' } })
  ]);
  const [
    mentorUsers,
    teacherUsers,
    viewerUsers,
    totalSchools
  ] = await Promise.all([
    prisma.user.count({ where: { role: 'mentor' } }),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.user.count({ where: { role: 'viewer' } }),
    prisma.pilotSchool.count()
  ]);
  const [
    totalStudents,
    totalAssessments,
    totalMentoringVisits
  ] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.mentoringVisit.count()
  ]);

  return Response.json({
    users: { totalUsers, activeUsers, adminUsers, coordinatorUsers, mentorUsers, teacherUsers, viewerUsers },
    system: { totalSchools, totalStudents, totalAssessments, totalMentoringVisits },
  });
}
