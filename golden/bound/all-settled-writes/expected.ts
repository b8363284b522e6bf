// Retries every failed job and counts the ones that failed again. allSettled never throws:
// each update settles on its own, and the count reads how each one ended.
export async function retryFailed(ids: number[]) {
  const outcomes = await settleInBatches(
    ids, 4, (id) => prisma.job.update({ where: { id }, data: { retried: true } }),
  );
  return outcomes.filter((o) => o.status === 'rejected').length;
}

/** Runs `each` on every item, at most `size` at a time, and returns how each one settled, in
 * order: Promise.allSettled with a bound. (added by poolfix) */
async function settleInBatches<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): Promise<PromiseSettledResult<Awaited<R>>[]> {
  const results: PromiseSettledResult<Awaited<R>>[] = [];
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(
      items.slice(start, start + size).map((item, offset) => each(item, start + offset)),
    );
    results.push(...settled);
  }
  return results;
}
