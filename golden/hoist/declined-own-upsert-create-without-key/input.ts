// The upsert looks for the id, but creates a row whose id the database picks: that id may be
// one a later line asks for, which the lookup holds as without a row. Declined.
export async function ensure(lines: { productId: number; sku: string }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (product) continue;
    await prisma.product.upsert({
      where: { id: line.productId },
      update: {},
      create: { sku: line.sku, name: line.sku, stock: 0 },
    });
  }
}
