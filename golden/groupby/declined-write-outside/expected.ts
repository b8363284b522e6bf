export async function totalled(levels: string[]) {
  let total = 0;
  const counts = await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level } });
      total += count;
      return count;
    }),
  );
  return { counts, total };
}
