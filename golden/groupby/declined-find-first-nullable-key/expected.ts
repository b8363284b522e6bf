export async function firstAtLevel(levels: (string | null)[]) {
  return await Promise.all(levels.map((level) => prisma.assessment.findFirst({ where: { level } })));
}
