// The latest review of each product, by index.
export async function latestReviews(productIds: number[]) {
  const latest = [];
  const reviewRows = await prisma.review.findMany({ where: { productId: { in: productIds.map((_, i) => productIds[i]) }, rating: { gte: 1 } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const reviewByProductId = new Map([...reviewRows].reverse().map((row) => [row.productId, row] as const));
  for (let i = 0; i < productIds.length; i++) {
    const review = reviewByProductId.get(productIds[i]) ?? null;
    latest.push(review);
  }
  return latest;
}
