// The read finds a movement by product, a field many rows share; the update moves a row to
// another product, which may change which row another product's key finds. Declined.
export async function move(lines: { productId: number; to: number }[]) {
  for (const line of lines) {
    const movement = await prisma.movement.findFirst({ where: { productId: line.productId } });
    if (!movement) continue;
    await prisma.movement.update({ where: { id: movement.id }, data: { productId: line.to } });
  }
}
