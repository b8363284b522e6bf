export async function filtered(levels: string[], filter: { subject: string } | null) {
  return await Promise.all(
    levels.map(async (level) => {
      if (!filter) return 0;
      return await prisma.assessment.count({ where: { level, subject: filter.subject } });
    }),
  );
}
