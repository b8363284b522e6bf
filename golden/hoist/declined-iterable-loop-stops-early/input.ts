// The loop stops at the first missing product, and `skus` may be an endless generator: the
// original reads only up to there, reading every key first would never end.
export async function firstMissing(skus: Iterable<string>) {
  for (const sku of skus) {
    const product = await prisma.product.findUnique({ where: { sku }, select: { sku: true, stock: true } });
    if (!product) return sku;
  }
  return null;
}
