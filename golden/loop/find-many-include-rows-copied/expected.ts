// Each month gets its own rows and their students, as each findMany gave.
export async function recent(today: Date) {
  const byMonth = [];
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 0; i < 3; i++) assessmentWindows.push(assessmentWindow(i));
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      is_temporary: false,
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.start.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.end.getTime()))),
      },
    },
    include: { student: true },
    orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
  });
  for (let i = 0; i < 3; i++) {
    const { start, end } = assessmentWindow(i);
    const rows = assessmentRows.filter((row) => row.assessed_date > start && row.assessed_date <= end).map((row) => ({ ...row, student: ({ ...row.student }), assessed_date: new Date(row.assessed_date) }));
    byMonth.push({ start, rows });
  }
  return byMonth;
}
