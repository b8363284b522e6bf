export async function summary(levels: string[], audit: { log(): Promise<number> }) {
  // audit.log() must run before the counts: the groupBy cannot be moved ahead of it
  const total = (await audit.log()) + (await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })))).length;
  return total;
}
