export async function weeklyCounts(now: Date, subject: string) {
  const weeks: number[] = [];
  const assessmentWindow = (week: number) => {
    const from = new Date(now.getTime() - (week + 1) * 7 * 86400000);
    const to = new Date(now.getTime() - week * 7 * 86400000);
    return { from, to };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let week = 0; week < 8; week++) assessmentWindows.push(assessmentWindow(week));
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      subject,
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.from.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.to.getTime()))),
      },
    },
    select: { assessed_date: true }
  });
  for (let week = 0; week < 8; week++) {
    const { from, to } = assessmentWindow(week);
    const count = assessmentRows.filter((row) => row.assessed_date >= from && row.assessed_date < to).length;
    weeks.push(count);
  }
  return weeks;
}
