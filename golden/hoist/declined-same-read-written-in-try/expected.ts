// The stock read each time is the stock the previous iteration left: the decrement is inside
// a try, but it is still a write to what the read sees.
export async function pickAll(orders: { quantity: number }[]) {
  const stockSeen: (number | null)[] = [];
  for (const order of orders) {
    try {
      const item = await prisma.product.findUnique({ where: { sku: 'WIDGET' }, select: { stock: true } });
      stockSeen.push(item?.stock ?? null);
      await prisma.product.update({ where: { sku: 'WIDGET' }, data: { stock: { decrement: order.quantity } } });
    } catch {
      stockSeen.push(null);
    }
  }
  return stockSeen;
}
