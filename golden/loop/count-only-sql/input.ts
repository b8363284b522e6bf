export async function monthlyCounts(today: Date) {
  const counts: { month: string; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const total = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } });
    counts.push({ month: start.toISOString().slice(0, 7), count: total });
  }
  return counts;
}
