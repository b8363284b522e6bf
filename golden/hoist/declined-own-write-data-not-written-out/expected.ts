// The update's data is built elsewhere: which fields it sets (the key, a relation) cannot be
// read. Declined.
export async function apply(lines: { productId: number; changes: { stock: number } }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    await prisma.product.update({ where: { id: line.productId }, data: line.changes });
  }
}
