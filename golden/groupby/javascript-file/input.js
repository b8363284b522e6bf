export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map(async (level) => await prisma.assessment.count({ where: { level } })));
  return Response.json(counts);
}
