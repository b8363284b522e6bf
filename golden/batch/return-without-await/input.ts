export const countEverything = async (prisma: PrismaClient) => {
  if (!prisma) throw new Error('no client');
  return Promise.all([prisma.student.count(), prisma.assessment.count(), prisma.pilotSchool.count(), prisma.user.count(), prisma.mentoringVisit.count()]);
};
