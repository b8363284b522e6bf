export async function counts(levels: string[]) {
  return await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level }, select: { _all: true, level: true } })));
}
