// The update's data comes before its where: its values are computed before the key, and could
// change what the key reads (here they cannot, but poolfix does not look). Declined.
export async function sell(lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    await prisma.product.update({ data: { stock: { decrement: line.quantity } }, where: { id: line.productId } });
  }
}
