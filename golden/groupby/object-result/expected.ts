export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { level: { in: levels }, is_temporary: false },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const chart = levels.map((level) => {
    const count = assessmentCountsByLevel.get(level) ?? 0;
    const label = level.toUpperCase();
    return { level, label, count, share: count / 100 };
  });
  return Response.json(chart);
}
