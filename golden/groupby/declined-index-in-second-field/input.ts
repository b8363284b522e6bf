export async function counts(levels: string[]) {
  return await Promise.all(levels.map((level, index) => prisma.assessment.count({ where: { level, is_temporary: index > 2 } })));
}
