export async function counts(levels: string[], log: string[]) {
  return await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level } });
      log.push(`${level}: ${count}`);
      return count;
    }),
  );
}
