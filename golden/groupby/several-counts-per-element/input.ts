export async function subjectSplit(levels: string[]) {
  const split = await Promise.all(
    levels.map(async (level) => {
      const [khmer, math] = await Promise.all([
        prisma.assessment.count({ where: { subject: 'khmer', level } }),
        prisma.assessment.count({ where: { subject: 'math', level } }),
      ]);
      return { level, khmer, math };
    })
  );
  return split;
}
