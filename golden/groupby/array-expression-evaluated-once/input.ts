export async function countByLevel(levelsBySubject: Record<string, string[]>, subject: string) {
  const counts = await Promise.all(
    Object.keys(levelsBySubject).map(async (level) => {
      const count = await prisma.assessment.count({ where: { subject, level } });
      return count;
    }),
  );
  return counts;
}
