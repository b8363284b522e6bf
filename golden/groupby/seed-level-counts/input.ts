export async function GET(request: Request) {
  const subject = new URL(request.url).searchParams.get('subject') || 'khmer';
  const levels = ['beginner', 'letter', 'word', 'paragraph', 'story', 'comprehension1', 'comprehension2'];

  // Lines 22-32 in the seed: 7 parallel counts
  const assessmentCounts = await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({
        where: { subject, level },
      });
      return count;
    })
  );

  return Response.json({ levels, assessmentCounts });
}
