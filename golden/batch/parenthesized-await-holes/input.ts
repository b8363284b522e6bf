export async function summary() {
  const [, , , visits, classes] = (await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]));
  return { visits, classes };
}
