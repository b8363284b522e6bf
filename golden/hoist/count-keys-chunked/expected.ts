// A count per order line becomes one groupBy; the lines are as many as the request sends, so
// the groupBy runs on at most 30,000 product ids at a time.
export async function reviewCounts(lines: { productId: number }[]) {
  const counts: number[] = [];
  const reviewCounts_2 = await inChunks(lines.map((line) => line.productId), 30000, (chunk) => prisma.review.groupBy({ by: ['productId'], where: { productId: { in: chunk } }, _count: { _all: true } }));
  const reviewCountByProductId = new Map(reviewCounts_2.map((group) => [group.productId, group._count._all] as const));
  for (const line of lines) {
    counts.push(reviewCountByProductId.get(line.productId) ?? 0);
  }
  return counts;
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
