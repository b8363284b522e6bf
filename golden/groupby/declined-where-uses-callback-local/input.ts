export async function counts(levels: string[]) {
  return await Promise.all(
    levels.map(async (level) => {
      const subject = level.startsWith('m') ? 'math' : 'khmer';
      const count = await prisma.assessment.count({ where: { level, subject } });
      return count;
    }),
  );
}
