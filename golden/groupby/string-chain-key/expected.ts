// Display names in, stored level codes counted: the key is a chain of string methods.
const LEVEL_NAMES = ['Beginner', 'Letter', 'Word', 'Paragraph', 'Story'];

export async function levelChart(subject: string) {
  const levelKeys = LEVEL_NAMES.map((name) => name.toLowerCase().replace(/\s+/g, '_'));
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const chart = LEVEL_NAMES.map((name, nameIndex) => {
    const count = assessmentCountsByLevel.get(levelKeys[nameIndex]) ?? 0;
    return { name, count };
  });
  return chart;
}
