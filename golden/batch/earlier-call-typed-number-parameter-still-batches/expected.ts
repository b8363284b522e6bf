// `userId` comes from the session, whose type poolfix cannot see, but the helper it is handed
// to takes a `number`, which the helper cannot change: the later elements build the same
// arguments in their batch.
async function visitCount(userId: number) {
  return prisma.mentoringVisit.count({ where: { mentorId: userId } });
}

export async function mentorSummary(session: Session) {
  const userId = session.user.id;
  const [visits, schools, students] = await Promise.all([
    visitCount(userId),
    prisma.pilotSchool.count({ where: { mentorId: userId } }),
    prisma.student.count({ where: { mentorId: userId } }),
  ]);
  const [classes, assessments] = await Promise.all([
    prisma.schoolClass.count({ where: { mentorId: userId } }),
    prisma.assessment.count({ where: { assessorId: userId } }),
  ]);
  return { visits, schools, students, classes, assessments };
}
