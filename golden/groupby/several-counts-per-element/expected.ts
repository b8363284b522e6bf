export async function subjectSplit(levels: string[]) {
  const assessmentLevelSubjectGroups = await prisma.assessment.groupBy({
    by: ['level', 'subject'],
    where: { subject: { in: ['khmer', 'math'] } },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelSubjectGroups.filter((group) => group.subject === 'khmer').map((group) => [group.level, group._count._all] as const));
  const assessmentCountsByLevel_2 = new Map(assessmentLevelSubjectGroups.filter((group) => group.subject === 'math').map((group) => [group.level, group._count._all] as const));
  const split = levels.map((level) => {
    const [khmer, math] = [
      assessmentCountsByLevel.get(level) ?? 0,
      assessmentCountsByLevel_2.get(level) ?? 0,
    ];
    return { level, khmer, math };
  });
  return split;
}
