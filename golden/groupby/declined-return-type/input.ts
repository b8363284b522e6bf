export async function counts(levels: string[]) {
  return await Promise.all(
    levels.map(async (level): Promise<number> => {
      return await prisma.assessment.count({ where: { level } });
    }),
  );
}
