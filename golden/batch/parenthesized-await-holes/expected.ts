export async function summary() {
  await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
  ]);
  const [visits, classes] = (await Promise.all([
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]));
  return { visits, classes };
}
