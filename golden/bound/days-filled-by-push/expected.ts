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

  const trend = await mapInBatches(
    dayKeys, 2, async (day) => {
      const start = new Date(day);
      const end = new Date(day);
      end.setUTCDate(end.getUTCDate() + 1);
      const [accepted, declined] = await Promise.all([
        prisma.invitation.count({ where: { status: 'ACCEPTED', createdAt: { gte: start, lt: end } } }),
        prisma.invitation.count({ where: { status: 'DECLINED', createdAt: { gte: start, lt: end } } }),
      ]);
      return { day, accepted, declined };
    }
  );
  return trend;
}

/** Runs `each` on every item, at most `size` at a time, and returns the results in order:
 * Promise.all with a bound. Every item runs even when one fails; the first failure is
 * thrown after the last batch. (added by poolfix) */
async function mapInBatches<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): Promise<Awaited<R>[]> {
  const results: Awaited<R>[] = [];
  let failure: { reason: unknown } | undefined;
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(
      items.slice(start, start + size).map((item, offset) => each(item, start + offset)),
    );
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value);
      else if (!failure) failure = { reason: outcome.reason };
    }
  }
  if (failure) throw failure.reason;
  return results;
}
