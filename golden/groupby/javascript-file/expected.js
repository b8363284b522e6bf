export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { level: { in: levels } },
    _count: { _all: true }
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all]));
  const counts = levels.map((level) => assessmentCountsByLevel.get(level) ?? 0);
  return Response.json(counts);
}
