// The callback is not async: `.map` calls it for every edit before any update starts, so an
// invalid date (toISOString throws) stops the whole batch before anything is written. Every
// callback is still called first; only awaiting the queries goes a few at a time.
export async function publishAll(edits: { id: number; publishedAt: string }[]) {
  await allInBatches(
    edits, 4, (edit) =>
      prisma.post.update({ where: { id: edit.id }, data: { publishedAt: new Date(edit.publishedAt).toISOString() } }),
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
