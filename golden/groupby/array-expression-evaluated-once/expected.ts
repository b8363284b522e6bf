export async function countByLevel(levelsBySubject: Record<string, string[]>, subject: string) {
  const levelValues = Object.keys(levelsBySubject);
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const counts = levelValues.map((level) => {
    const count = assessmentCountsByLevel.get(level) ?? 0;
    return count;
  });
  return counts;
}
