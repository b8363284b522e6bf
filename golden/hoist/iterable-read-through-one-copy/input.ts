// `skus` is any iterable: a generator would be used up by reading the keys before the loop, so
// the loop and the keys both go through one copy of it.
export async function stockOf(skus: Iterable<string>) {
  const stock: number[] = [];
  for (const sku of skus) {
    const product = await prisma.product.findUnique({ where: { sku }, select: { sku: true, stock: true } });
    stock.push(product ? product.stock : 0);
  }
  return stock;
}
