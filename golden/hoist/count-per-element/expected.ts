export async function reviewCounts(products: { id: number; sku: string }[]) {
  const counts: Record<string, number> = {};
  const reviewCounts_2 = await prisma.review.groupBy({ by: ['productId'], where: { productId: { in: products.map(({ id, sku }) => id) }, rating: 5 }, _count: { _all: true } });
  const reviewCountByProductId = new Map(reviewCounts_2.map((group) => [group.productId, group._count._all] as const));
  for (const { id, sku } of products) {
    counts[sku] = reviewCountByProductId.get(id) ?? 0;
  }
  return counts;
}
