export async function counts(levels: string[]) {
  const wanted = levels.filter((level) => level !== 'none'), counts = await Promise.all(wanted.map((level) => prisma.assessment.count({ where: { level } })));
  return counts;
}
