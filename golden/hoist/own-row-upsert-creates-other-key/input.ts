// The upsert looks for the id but creates a row whose id the database picks, which may be one
// a later line asks for. So the lookup holds only the rows it read: a key without one is read
// as written each time (it may have a row by then), and the upsert's own id is forgotten.
export async function ensure(lines: { productId: number; sku: string }[]) {
  const found: boolean[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    found.push(product !== null);
    await prisma.product.upsert({
      where: { id: line.productId },
      update: { stock: { increment: 1 } },
      create: { sku: line.sku, name: line.sku, stock: 0 },
    });
  }
  return found;
}
