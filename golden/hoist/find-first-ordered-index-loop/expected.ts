// The latest review of each product, by index. The same product may be asked for twice: both
// get the one row object, which only goes into the response.
async function latestReviews(productIds: number[]) {
  const latest = [];
  const reviewRows = await inChunks(productIds.map((_, i) => productIds[i]), 30000, (chunk) => prisma.review.findMany({ where: { productId: { in: chunk }, rating: { gte: 1 } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }));
  const reviewByProductId = new Map([...reviewRows].reverse().map((row) => [row.productId, row] as const));
  for (let i = 0; i < productIds.length; i++) {
    const review = reviewByProductId.get(productIds[i]) ?? null;
    latest.push(review);
  }
  return latest;
}

export async function GET(request: Request) {
  const ids = new URL(request.url).searchParams.getAll('id').map(Number);
  return Response.json(await latestReviews(ids));
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
