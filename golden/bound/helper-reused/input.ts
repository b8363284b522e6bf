export async function closeAll(ids: number[]) {
  const closed = await mapInBatches(ids, 4, (id) => prisma.ticket.update({ where: { id }, data: { open: false } }));
  const reopened = await Promise.all(ids.map(async (id) => prisma.ticket.update({ where: { id }, data: { open: true } })));
  return [closed, reopened];
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
