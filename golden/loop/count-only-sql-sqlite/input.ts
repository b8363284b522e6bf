// SQLite: the windows are listed in the SQL as milliseconds, and the column is read as
// milliseconds whether Prisma stored it as an integer or as ISO text.
export async function weeklyMath(today: Date) {
  const weeks: number[] = [];
  for (let w = 0; w < 3; w++) {
    const from = new Date(today.getTime() - (w + 1) * 7 * 86400000);
    const to = new Date(today.getTime() - w * 7 * 86400000);
    weeks.push(await prisma.assessment.count({ where: { subject: 'math', assessed_date: { gt: from, lte: to } } }));
  }
  return weeks;
}
