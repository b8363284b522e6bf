// Receiving a delivery in one interactive transaction: each line looks its product up on the
// transaction client and records a movement. The lookups become one findMany on `tx`, inside
// the callback and before the loop, so they still see what the transaction sees.
export async function receive(deliveryLines: { productId: number; quantity: number }[]) {
  return prisma.$transaction(async (tx) => {
    const received: string[] = [];
    for (const entry of deliveryLines) {
      const product = await tx.product.findUnique({ where: { id: entry.productId } });
      await tx.movement.create({ data: { productId: entry.productId, quantity: entry.quantity } });
      received.push(product ? product.name : "unknown");
    }
    return received;
  });
}
