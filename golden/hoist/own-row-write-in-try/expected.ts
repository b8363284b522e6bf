// The update may throw, and the loop goes on. The lookup forgets the product before the
// update, not after: whether the write happened or not, a later line naming it reads it again.
// The update is keyed by the row's own id, the key the lookup holds it under.
export async function restock(lines: { productId: number; quantity: number }[]) {
  const failed: number[] = [];
  const productKeys = lines.map((line) => line.productId);
  const productRows = await prisma.product.findMany({ where: { id: { in: productKeys } } });
  const productById = new Map<unknown, (typeof productRows)[number] | null>(productKeys.map((key) => [key, null] as const));
  for (const row of productRows) productById.set(row.id, row);
  for (const line of lines) {
    const product = !productById.has(line.productId) ? await prisma.product.findUnique({ where: { id: line.productId } }) : productById.get(line.productId) ?? null;
    if (!product) continue;
    try {
      productById.delete(product.id);
      await prisma.product.update({ where: { id: product.id }, data: { stock: product.stock + line.quantity } });
    } catch {
      failed.push(line.productId);
    }
  }
  return failed;
}
