export const countEverything = async (prisma: PrismaClient) => {
  if (!prisma) throw new Error('no client');
  const resultsBatch1 = await Promise.all([prisma.student.count(), prisma.assessment.count(), prisma.pilotSchool.count()]);
  const resultsBatch2 = await Promise.all([prisma.user.count(), prisma.mentoringVisit.count()]);
  const results: [...typeof resultsBatch1, ...typeof resultsBatch2] = [...resultsBatch1, ...resultsBatch2];
  return results;
};
