// The average rating is the same on every iteration, but an aggregate has no empty value to
// stand for it when there are no products: read once before the loop, it would run a query
// the original never runs.
export async function ratingGaps(products: { id: number; rating: number }[]) {
  const gaps: number[] = [];
  for (const product of products) {
    const average = await prisma.review.aggregate({ _avg: { rating: true } });
    gaps.push(product.rating - (average._avg.rating ?? 0));
  }
  return gaps;
}
