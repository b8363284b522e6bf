export async function fill(levels: string[], cache: Record<string, number[]>, slot: () => string) {
  cache[slot()] = await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
}
