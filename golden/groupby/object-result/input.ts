export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const chart = await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level, is_temporary: false } });
      const label = level.toUpperCase();
      return { level, label, count, share: count / 100 };
    }),
  );
  return Response.json(chart);
}
