export async function GET() {
  const today = new Date();
  const monthlyTrends = [];
  // Lines 254-297 in the seed: 6 months, 2 queries each
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 5; i >= 0; i--) assessmentWindows.push(assessmentWindow(i));
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.start.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.end.getTime()))),
      },
    },
    select: { subject: true, level: true, assessed_date: true },
  });
  for (let i = 5; i >= 0; i--) {
    const { start, end } = assessmentWindow(i);

    const monthAssessments = assessmentRows.filter((row) => row.assessed_date >= start && row.assessed_date < end).length;
    const monthAssessmentsData = assessmentRows.filter((row) => row.assessed_date >= start && row.assessed_date < end).map((row) => ({ subject: row.subject, level: row.level }));

    monthlyTrends.push({
      month: start.toISOString().slice(0, 7),
      assessments: monthAssessments,
      withLevel: monthAssessmentsData.filter((a) => a.level !== null).length,
    });
  }
  return Response.json(monthlyTrends);
}
