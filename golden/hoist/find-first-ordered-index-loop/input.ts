// The latest review of each product, by index.
export async function latestReviews(productIds: number[]) {
  const latest = [];
  for (let i = 0; i < productIds.length; i++) {
    const review = await prisma.review.findFirst({
      where: { productId: productIds[i], rating: { gte: 1 } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    latest.push(review);
  }
  return latest;
}
