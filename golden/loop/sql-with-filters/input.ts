export async function monthlyCounts(today: Date, subject: string, cycle: Cycle) {
  const counts: number[] = [];
  for (let i = 2; i >= 0; i--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const khmer = await prisma.assessment.count({
      where: { subject, assessment_type: cycle, is_temporary: false, level: null, assessed_date: { gte: start, lte: end } },
    });
    counts.push(khmer);
  }
  return counts;
}
