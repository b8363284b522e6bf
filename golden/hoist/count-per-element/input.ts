export async function reviewCounts(products: { id: number; sku: string }[]) {
  const counts: Record<string, number> = {};
  for (const { id, sku } of products) {
    counts[sku] = await prisma.review.count({ where: { productId: id, rating: 5 } });
  }
  return counts;
}
