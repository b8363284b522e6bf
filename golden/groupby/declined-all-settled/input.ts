export async function counts(levels: string[]) {
  return await Promise.allSettled(levels.map((level) => prisma.assessment.count({ where: { level } })));
}
