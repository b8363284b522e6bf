export async function levelCounts(levels: (string | null)[]) {
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    _count: { _all: true }
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const counts = levels.map((level) => assessmentCountsByLevel.get(level) ?? 0);
  return counts;
}
