// The read counts each product's reviews through `include: { _count }`, and the loop adds a
// review through two helpers of this file: a product voted for twice must see the first
// vote's review, which one read before the loop would miss.
async function recordVote(productId: number) {
  await saveReview(productId, 5);
}

async function saveReview(productId: number, rating: number) {
  await prisma.review.create({ data: { productId, rating } });
}

export async function vote(votes: { productId: number }[]) {
  const reviewCounts: (number | undefined)[] = [];
  for (const v of votes) {
    const product = await prisma.product.findUnique({
      where: { id: v.productId },
      include: { _count: { select: { reviews: true } } },
    });
    reviewCounts.push(product?._count.reviews);
    await recordVote(v.productId);
  }
  return reviewCounts;
}
