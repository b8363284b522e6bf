// Sign-ups per day over the last `days` days. The list of days starts empty and a loop
// pushes one entry per day, so its length is the caller's, not the literal's: each day runs
// two counts at once, as many days as asked for.
export async function signupTrend(days: number) {
  const dayKeys: string[] = [];
  const cursor = new Date();
  cursor.setUTCDate(cursor.getUTCDate() - days);
  while (dayKeys.length < days) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    dayKeys.push(cursor.toISOString().slice(0, 10));
  }

  const trend = await Promise.all(
    dayKeys.map(async (day) => {
      const start = new Date(day);
      const end = new Date(day);
      end.setUTCDate(end.getUTCDate() + 1);
      const [accepted, declined] = await Promise.all([
        prisma.invitation.count({ where: { status: 'ACCEPTED', createdAt: { gte: start, lt: end } } }),
        prisma.invitation.count({ where: { status: 'DECLINED', createdAt: { gte: start, lt: end } } }),
      ]);
      return { day, accepted, declined };
    })
  );
  return trend;
}
