export async function counted(levels: string[]) {
  return await Promise.all(
    levels.map(async (level) => {
      // an unknown call first: it could write what the count reads
      recordLookup(level);
      const count = await prisma.assessment.count({ where: { level } });
      return count;
    }),
  );
}
