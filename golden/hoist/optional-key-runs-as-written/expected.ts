// `productId` is optional in the request: `where: { productId: undefined }` counts every
// review, and `in` rejects undefined, so an element without one runs its count as written.
export async function reviewCounts(items: { productId?: number }[]) {
  const counts: number[] = [];
  const reviewCounts_2 = await prisma.review.groupBy({ by: ['productId'], where: { productId: { in: items.map((item) => item.productId).filter((key): key is NonNullable<typeof key> => key != null) }, rating: { gte: 4 } }, _count: { _all: true } });
  const reviewCountByProductId = new Map(reviewCounts_2.map((group) => [group.productId, group._count._all] as const));
  for (const item of items) {
    counts.push(item.productId == null ? await prisma.review.count({ where: { productId: item.productId, rating: { gte: 4 } } }) : reviewCountByProductId.get(item.productId) ?? 0);
  }
  return counts;
}
