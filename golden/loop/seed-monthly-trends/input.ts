export async function GET() {
  const today = new Date();
  const monthlyTrends = [];
  // Lines 254-297 in the seed: 6 months, 2 queries each
  for (let i = 5; i >= 0; i--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));

    const monthAssessments = await prisma.assessment.count({
      where: { assessed_date: { gte: start, lt: end } },
    });
    const monthAssessmentsData = await prisma.assessment.findMany({
      where: { assessed_date: { gte: start, lt: end } },
      select: { subject: true, level: true },
    });

    monthlyTrends.push({
      month: start.toISOString().slice(0, 7),
      assessments: monthAssessments,
      withLevel: monthAssessmentsData.filter((a) => a.level !== null).length,
    });
  }
  return Response.json(monthlyTrends);
}
