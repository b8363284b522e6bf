// The same settings row read on every iteration: once before the loop is the same row.
export async function priceList(products: { id: number; price: number }[]) {
  const prices = [];
  const productOnce = products.length === 0 ? null : await prisma.product.findUnique({ where: { sku: 'REFERENCE' }, select: { stock: true } });
  for (const product of products) {
    const reference = productOnce;
    prices.push({ id: product.id, ratio: product.price / (reference?.stock ?? 1) });
  }
  return prices;
}
