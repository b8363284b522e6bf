export async function refresh(state: { id: number; school: number; a?: unknown }) {
  var id = state.id, school = state.school, a, b, c, d;
  [id, school, a, b, c, d] = await Promise.all([
    prisma.student.count(),
    prisma.pilotSchool.count(),
    prisma.assessment.count(),
    prisma.user.count(),
    prisma.mentoringVisit.findFirst({ where: { student_id: id } }),
    prisma.schoolClass.findFirst({ where: { school_id: school } }),
  ]);
  return { id, school, a, b, c, d };
}
