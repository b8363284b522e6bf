export async function counts(levels: string[], prefersMath: boolean) {
  return await Promise.all(
    levels.map(async (level) => {
      const subject = prefersMath ? 'math' : 'khmer';
      const count = await prisma.assessment.count({ where: { level, subject } });
      return count;
    }),
  );
}
