export function counts(levels: string[]) {
  const pending = Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
  return pending;
}
