export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { level: { in: levels } },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const counts = levels.map(function (level: string) {
    const count = assessmentCountsByLevel.get(level) ?? 0;
    return count;
  });
  return Response.json(counts);
}
