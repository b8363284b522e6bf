export async function summary() {
  var id = 1, students, teachers, schools, visits, classes;
  [id, students, teachers, schools, visits, classes] = await Promise.all([
    prisma.student.count(),
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count({ where: { id } }),
  ]);
  return { students, teachers, schools, visits, classes };
}
