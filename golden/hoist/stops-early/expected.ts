export async function firstMissing(skus: string[]) {
  const productRows = await prisma.product.findMany({ where: { sku: { in: skus.filter((key): key is NonNullable<typeof key> => key != null) } } });
  const productBySku = new Map(productRows.map((row) => [row.sku, row] as const));
  for (const sku of skus) {
    const product = productBySku.get(sku) ?? null;
    if (!product) return sku;
  }
  return null;
}
