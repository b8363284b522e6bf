export async function GET(request: Request) {
  const subject = new URL(request.url).searchParams.get('subject') || 'khmer';
  const levels = ['beginner', 'letter', 'word', 'paragraph', 'story', 'comprehension1', 'comprehension2'];

  // Lines 22-32 in the seed: 7 parallel counts
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    where: { subject, level: { in: levels } },
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  const assessmentCounts = levels.map((level) => {
    const count = assessmentCountsByLevel.get(level) ?? 0;
    return count;
  });

  return Response.json({ levels, assessmentCounts });
}
