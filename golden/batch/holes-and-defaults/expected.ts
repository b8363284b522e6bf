export async function stats() {
  const [, activeStudents, totalAssessments = 0] = await Promise.all([
    prisma.student.count(),
    prisma.student.count({ where: { is_active: true } }),
    prisma.assessment.count(),
  ]);
  const [, totalSchools, { _count: visitCount } = { _count: 0 }] = await Promise.all([
    prisma.user.count(),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.aggregate({ _count: true }),
  ]);
  return { activeStudents, totalAssessments, totalSchools, visitCount };
}
