export async function levelCounts(levels: (string | null)[]) {
  const counts = await Promise.all(levels.map(async (level) => prisma.assessment.count({ where: { level } })));
  return counts;
}
