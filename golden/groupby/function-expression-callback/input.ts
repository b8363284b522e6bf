export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(
    levels.map(async function (level: string) {
      const count = await prisma.assessment.count({ where: { level } });
      return count;
    }),
  );
  return Response.json(counts);
}
