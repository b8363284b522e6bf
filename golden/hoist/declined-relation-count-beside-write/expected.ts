// The read counts each product's reviews (`_count` of a relation) while the loop adds
// reviews: a product met twice must see the review the first iteration added.
export async function rateAll(votes: { productId: number; rating: number }[]) {
  const counts: (number | undefined)[] = [];
  for (const vote of votes) {
    const product = await prisma.product.findUnique({
      where: { id: vote.productId },
      select: { id: true, _count: { select: { reviews: true } } },
    });
    counts.push(product?._count.reviews);
    await prisma.review.create({ data: { productId: vote.productId, rating: vote.rating } });
  }
  return counts;
}
