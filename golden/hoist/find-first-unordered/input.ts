export async function anyReview(products: { id: number }[]) {
  const samples = [];
  for (const product of products) {
    const sample = await prisma.review.findFirst({ where: { productId: product.id } });
    if (sample) samples.push(sample.rating);
  }
  return samples;
}
