// Retries every failed job and counts the ones that failed again. allSettled never throws:
// each update settles on its own, and the count reads how each one ended.
export async function retryFailed(ids: number[]) {
  const outcomes = await allSettledInBatches(
    ids, 4, (id) => prisma.job.update({ where: { id }, data: { retried: true } }),
  );
  return outcomes.filter((o) => o.status === 'rejected').length;
}

/** Calls `each` on every item first, as `.map` does, then awaits what it returned at most
 * `size` at a time (queries start when awaited) and returns how each one settled, in order:
 * Promise.allSettled with a bound. (added by poolfix) */
async function allSettledInBatches<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): Promise<PromiseSettledResult<Awaited<R>>[]> {
  const results: PromiseSettledResult<Awaited<R>>[] = [];
  const values = items.map(each);
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(values.slice(start, start + size));
    results.push(...settled);
  }
  return results;
}
