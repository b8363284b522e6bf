// The update may throw, and the loop goes on. The lookup forgets the product before the
// update, not after: whether the write happened or not, a later line naming it reads it again.
// The update is keyed by the row's own id, the key the lookup holds it under.
export async function restock(lines: { productId: number; quantity: number }[]) {
  const failed: number[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    try {
      await prisma.product.update({ where: { id: product.id }, data: { stock: product.stock + line.quantity } });
    } catch {
      failed.push(line.productId);
    }
  }
  return failed;
}
