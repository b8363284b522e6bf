// The update runs in a $transaction with the movement it records: a write inside a
// transaction's array is left alone. Declined.
export async function sell(lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    await prisma.$transaction([
      prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } }),
      prisma.movement.create({ data: { productId: line.productId, quantity: -line.quantity } }),
    ]);
  }
}
