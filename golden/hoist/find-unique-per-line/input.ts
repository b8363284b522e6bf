type Line = { productId: number; quantity: number };

// Receiving a delivery: one product read per line, and a movement written per line.
export async function receive(lines: Line[]) {
  const received = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    await prisma.movement.create({ data: { productId: line.productId, quantity: line.quantity } });
    received.push({ name: product?.name ?? 'unknown', quantity: line.quantity });
  }
  return received;
}
