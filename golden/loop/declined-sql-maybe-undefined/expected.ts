export async function GET(request: Request) {
  // `subject` is undefined when the parameter is missing: Prisma then does not filter at all
  const subject = new URL(request.url).searchParams.get('subject') ?? undefined;
  const today = new Date('2025-10-10T00:00:00Z');
  const counts: number[] = [];
  for (let i = 2; i >= 0; i--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const n = await prisma.assessment.count({ where: { subject, assessed_date: { gte: start, lt: end } } });
    counts.push(n);
  }
  return Response.json(counts);
}
