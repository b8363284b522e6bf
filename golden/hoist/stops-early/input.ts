export async function firstMissing(skus: string[]) {
  for (const sku of skus) {
    const product = await prisma.product.findUnique({ where: { sku } });
    if (!product) return sku;
  }
  return null;
}
