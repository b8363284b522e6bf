export async function weeklyCounts(now: Date, subject: string) {
  const weeks: number[] = [];
  for (let week = 0; week < 8; week++) {
    const from = new Date(now.getTime() - (week + 1) * 7 * 86400000);
    const to = new Date(now.getTime() - week * 7 * 86400000);
    const count = await prisma.assessment.count({ where: { subject, assessed_date: { gte: from, lt: to } } });
    weeks.push(count);
  }
  return weeks;
}
