// The two counts differ in two filters (subject and cycle): no one split field, so one groupBy each.
export async function pairs(levels: string[]) {
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject: 'khmer', assessment_type: 'baseline' },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const assessmentLevelGroups_2 = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject: 'math', assessment_type: 'endline' },
    _count: { _all: true },
  });
  const assessmentCountsByLevel_2 = new Map(assessmentLevelGroups_2.map((group) => [group.level, group._count._all] as const));
  const rows = levels.map((level) => {
    const khmerBaseline = assessmentCountsByLevel.get(level) ?? 0;
    const mathEndline = assessmentCountsByLevel_2.get(level) ?? 0;
    return [khmerBaseline, mathEndline];
  });
  return rows;
}
