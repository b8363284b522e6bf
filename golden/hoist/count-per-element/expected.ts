export async function reviewCounts(products: { id: number; sku: string }[]) {
  const counts: Record<string, number> = {};
  const reviewCounts_2 = await inChunks(products.map(({ id, sku }) => id), 30000, (chunk) => prisma.review.groupBy({ by: ['productId'], where: { productId: { in: chunk }, rating: 5 }, _count: { _all: true } }));
  const reviewCountByProductId = new Map(reviewCounts_2.map((group) => [group.productId, group._count._all] as const));
  for (const { id, sku } of products) {
    counts[sku] = reviewCountByProductId.get(id) ?? 0;
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
