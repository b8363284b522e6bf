export async function sell(lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product || product.stock < line.quantity) continue;
    await prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } });
  }
}
