// The first element hands `schoolId` to a helper, but a number cannot be changed by the
// helper: the later elements build the same arguments in their batch.
async function visitCount(schoolId: number) {
  return prisma.mentoringVisit.count({ where: { schoolId } });
}

export async function schoolSummary(schoolId: number) {
  const [visits, students, teachers] = await Promise.all([
    visitCount(schoolId),
    prisma.student.count({ where: { schoolId } }),
    prisma.user.count({ where: { role: 'teacher', schoolId } }),
  ]);
  const [classes, assessments] = await Promise.all([
    prisma.schoolClass.count({ where: { schoolId } }),
    prisma.assessment.count({ where: { schoolId } }),
  ]);
  return { visits, students, teachers, classes, assessments };
}
