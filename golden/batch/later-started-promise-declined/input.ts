export async function summary(audit: Promise<void>) {
  const [students, teachers, schools, visits, classes] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    audit, // already running: in a later batch a rejection would go unhandled until then
  ]);
  return { students, teachers, schools, visits, classes };
}
