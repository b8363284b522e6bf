export async function counts(levels: string[], enabled: boolean) {
  let counts: number[] = [];
  if (enabled) counts = await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
  return counts;
}
