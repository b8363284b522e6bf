export async function busiestHours(day: Date) {
  return allInBatches(
    Array.from({ length: 24 }), 4, (_, hour) =>
      prisma.visit.findFirst({
        where: { startedAt: { gte: new Date(day.getTime() + hour * 3600000) } },
        orderBy: { startedAt: 'asc' },
      }),
  );
}

/** Calls `each` on every item first, as `.map` does, then awaits what it returned at most
 * `size` at a time (queries start when awaited) and returns the results in order:
 * Promise.all with a bound. Every one runs even when one fails; the first failure is
 * thrown after the last batch. (added by poolfix) */
async function allInBatches<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): Promise<Awaited<R>[]> {
  const results: Awaited<R>[] = [];
  let failure: { reason: unknown } | undefined;
  const values = items.map(each);
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(values.slice(start, start + size));
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value);
      else if (!failure) failure = { reason: outcome.reason };
    }
  }
  if (failure) throw failure.reason;
  return results;
}
