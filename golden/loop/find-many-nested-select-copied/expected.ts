// A nested select: each week's rows, their students and the students' visits are new objects
// for every week, as each findMany gave, in the select's order.
export async function weekly(today: Date) {
  const weeks = [];
  const assessmentWindow = (w: number) => {
    const from = new Date(today.getTime() - (w + 1) * 7 * 86400000);
    const to = new Date(today.getTime() - w * 7 * 86400000);
    return { from, to };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let w = 0; w < 2; w++) assessmentWindows.push(assessmentWindow(w));
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.from.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.to.getTime()))),
      },
    },
    select: { id: true, student: { select: { name: true, visits: { where: { verified: true } } } }, assessed_date: true },
  });
  for (let w = 0; w < 2; w++) {
    const { from, to } = assessmentWindow(w);
    const seen = assessmentRows.filter((row) => row.assessed_date >= from && row.assessed_date < to).map((row) => ({ id: row.id, student: ({ name: row.student.name, visits: row.student.visits.map((nested1) => ({ ...nested1 })) }), assessed_date: new Date(row.assessed_date) }));
    weeks.push(seen);
  }
  return weeks;
}
