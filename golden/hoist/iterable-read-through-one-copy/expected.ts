// `skus` is any iterable: a generator would be used up by reading the keys before the loop, so
// the loop and the keys both go through one copy of it.
export async function stockOf(skus: Iterable<string>) {
  const stock: number[] = [];
  const skusList = Array.from(skus);
  const productRows = await prisma.product.findMany({ where: { sku: { in: skusList.filter((key): key is NonNullable<typeof key> => key != null) } }, select: { sku: true, stock: true } });
  const productBySku = new Map(productRows.map((row) => [row.sku, row] as const));
  for (const sku of skusList) {
    const product = sku == null ? await prisma.product.findUnique({ where: { sku }, select: { sku: true, stock: true } }) : productBySku.get(sku) ?? null;
    stock.push(product ? product.stock : 0);
  }
  return stock;
}
