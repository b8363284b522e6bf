export async function report(today: Date) {
  const out = [];
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 0; i < 3; i++) assessmentWindows.push(assessmentWindow(i));
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      subject: 'khmer',
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.start.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.end.getTime()))),
      },
    },
    select: { assessed_date: true }
  });
  const assessmentRows_2 = await prisma.assessment.findMany({
    where: {
      subject: 'math',
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.start.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.end.getTime()))),
      },
    },
    select: { assessed_date: true }
  });
  for (let i = 0; i < 3; i++) {
    const { start, end } = assessmentWindow(i);
    const khmer = assessmentRows.filter((row) => row.assessed_date >= start && row.assessed_date < end).length;
    const math = assessmentRows_2.filter((row) => row.assessed_date >= start && row.assessed_date < end).length;
    out.push({ khmer, math });
  }
  return out;
}
