// The upsert looks for the id but creates a row whose id the database picks, which may be one
// a later line asks for. So the lookup holds only the rows it read: a key without one is read
// as written each time (it may have a row by then), and the upsert's own id is forgotten.
export async function ensure(lines: { productId: number; sku: string }[]) {
  const found: boolean[] = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: lines.map((line) => line.productId) } } });
  const productById = new Map<unknown, (typeof productRows)[number]>(productRows.map((row) => [row.id, row] as const));
  for (const line of lines) {
    const product = !productById.has(line.productId) ? await prisma.product.findUnique({ where: { id: line.productId } }) : productById.get(line.productId) ?? null;
    found.push(product !== null);
    productById.delete(line.productId);
    await prisma.product.upsert({
      where: { id: line.productId },
      update: { stock: { increment: 1 } },
      create: { sku: line.sku, name: line.sku, stock: 0 },
    });
  }
  return found;
}
