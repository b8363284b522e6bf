// `productId` is optional in the request: `where: { productId: undefined }` counts every
// review, and `in` rejects undefined, so an element without one runs its count as written.
export async function reviewCounts(items: { productId?: number }[]) {
  const counts: number[] = [];
  for (const item of items) {
    counts.push(await prisma.review.count({ where: { productId: item.productId, rating: { gte: 4 } } }));
  }
  return counts;
}
