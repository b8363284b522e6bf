// `productId` is optional in the request: `where: { productId: undefined }` counts every
// review, and `in` rejects undefined, so an element without one runs its count as written.
export async function reviewCounts(items: { productId?: number }[]) {
  const counts: number[] = [];
  const reviewCounts_2 = await inChunks(items.map((item) => item.productId).filter((key): key is NonNullable<typeof key> => key != null), 30000, (chunk) => prisma.review.groupBy({ by: ['productId'], where: { productId: { in: chunk }, rating: { gte: 4 } }, _count: { _all: true } }));
  const reviewCountByProductId = new Map(reviewCounts_2.map((group) => [group.productId, group._count._all] as const));
  for (const item of items) {
    counts.push(item.productId == null ? await prisma.review.count({ where: { productId: item.productId, rating: { gte: 4 } } }) : reviewCountByProductId.get(item.productId) ?? 0);
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
