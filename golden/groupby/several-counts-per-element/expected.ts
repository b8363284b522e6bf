export async function subjectSplit(levels: string[]) {
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject: 'khmer' },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const assessmentLevelGroups_2 = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject: 'math' },
    _count: { _all: true },
  });
  const assessmentCountsByLevel_2 = new Map(assessmentLevelGroups_2.map((group) => [group.level, group._count._all] as const));
  const split = levels.map((level) => {
    const [khmer, math] = [
      assessmentCountsByLevel.get(level) ?? 0,
      assessmentCountsByLevel_2.get(level) ?? 0,
    ];
    return { level, khmer, math };
  });
  return split;
}
