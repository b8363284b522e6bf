export async function doubled(levels: string[]) {
  return await Promise.all(
    levels.map((level) => prisma.assessment.count({ where: { level } }).then((n) => n * 2)),
  );
}
