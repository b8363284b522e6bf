type Line = { productId: number; quantity: number };

// Receiving a delivery: one product read per line, and a movement written per line.
export async function receive(lines: Line[]) {
  const received = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: lines.map((line) => line.productId) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const line of lines) {
    const product = productById.get(line.productId) ?? null;
    await prisma.movement.create({ data: { productId: line.productId, quantity: line.quantity } });
    received.push({ name: product?.name ?? 'unknown', quantity: line.quantity });
  }
  return received;
}
