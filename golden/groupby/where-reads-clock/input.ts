export async function recentPerLevel(levels: string[]) {
  return await Promise.all(
    levels.map((level) =>
      prisma.assessment.count({
        where: { level, assessed_date: { gte: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) } },
      }),
    ),
  );
}
