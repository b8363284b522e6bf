export async function summary() {
  const [version, students, teachers, schools, generatedBy] = await Promise.all([
    'v2',
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    Promise.resolve('poolfix-example'),
  ]);
  const [visits, classes] = await Promise.all([
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]);
  return { version, students, teachers, schools, generatedBy, visits, classes };
}
