export async function recentPerLevel(levels: string[]) {
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { assessed_date: { gte: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) } },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  return levels.map((level) =>
    assessmentCountsByLevel.get(level) ?? 0,
  );
}
