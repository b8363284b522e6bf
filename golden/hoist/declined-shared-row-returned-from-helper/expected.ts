// The rows leave through an exported helper: a caller poolfix cannot see might change one, and
// two lines of the same product would share it after a hoist.
export async function productsOf(lines: { productId: number }[]) {
  const products = [];
  for (const line of lines) {
    products.push(await prisma.product.findUnique({ where: { id: line.productId } }));
  }
  return products;
}
