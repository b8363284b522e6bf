// Newest movement first: a movement the loop creates would come before the one the lookup
// holds. Declined.
export async function latest(lines: { productId: number }[]) {
  const quantities: number[] = [];
  for (const line of lines) {
    const movement = await prisma.movement.findFirst({ where: { productId: line.productId }, orderBy: { id: 'desc' } });
    quantities.push(movement ? movement.quantity : 0);
    await prisma.movement.create({ data: { productId: line.productId, quantity: 1 } });
  }
  return quantities;
}
