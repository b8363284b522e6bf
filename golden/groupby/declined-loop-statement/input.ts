export async function withLoop(levels: string[], extras: number[]) {
  return await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level } });
      let bonus = 0;
      for (const extra of extras) bonus += extra;
      return count + bonus;
    }),
  );
}
