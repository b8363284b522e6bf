export async function GET() {
  const levels = ['beginner', 'letter', 'word', 'paragraph', 'story', 'comprehension1', 'comprehension2'];
  const assessmentCounts = await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level } });
      return count;
    })
  );
  return Response.json({ levels, assessmentCounts });
}
