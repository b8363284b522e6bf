export async function weeklyKept(today: Date) {
  const weeks: number[] = [];
  for (let w = 0; w < 3; w++) {
    const from = new Date(today.getTime() - (w + 1) * 7 * 86400000);
    const to = new Date(today.getTime() - w * 7 * 86400000);
    weeks.push(await prisma.assessment.count({ where: { is_temporary: false, assessed_date: { gte: from, lt: to } } }));
  }
  return weeks;
}
