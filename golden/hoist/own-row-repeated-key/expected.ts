type Line = { productId: number; quantity: number };

// The same product may be on several lines. Say lines 1 and 3 both name product 7, stock 5,
// quantity 3 each. Before the rewrite: line 1 reads stock 5 and writes 2; line 3 reads 2 and
// throws. After it: all rows are read before the loop (7 → stock 5). Line 1 looks 7 up (5),
// forgets 7 just before its update writes 2; line 3 finds 7 forgotten, so it runs the
// findUnique as written, reads 2 and throws, as before. A product no line wrote yet is the
// row the loop read first, which nothing has changed since: the same row the original read.
export async function reserve(lines: Line[]) {
  const productKeys = lines.map((line) => line.productId).filter((key): key is NonNullable<typeof key> => key != null);
  const productRows = await prisma.product.findMany({ where: { id: { in: productKeys } } });
  const productById = new Map<unknown, (typeof productRows)[number] | null>(productKeys.map((key) => [key, null] as const));
  for (const row of productRows) productById.set(row.id, row);
  for (const line of lines) {
    const product = !productById.has(line.productId) ? await prisma.product.findUnique({ where: { id: line.productId } }) : productById.get(line.productId) ?? null;
    if (!product || product.stock < line.quantity) throw new Error(`not enough of ${line.productId}`);
    productById.delete(line.productId);
    const updated = await prisma.product.update({
      where: { id: line.productId },
      data: { stock: { decrement: line.quantity } },
    });
    await prisma.movement.create({ data: { productId: updated.id, quantity: -line.quantity } });
  }
}
