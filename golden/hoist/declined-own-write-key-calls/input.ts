// The write's key is computed by a call, which could give another value when computed again
// to forget it. Declined.
export async function zero(lines: { productId: string }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: Number(line.productId) } });
    if (!product) continue;
    await prisma.product.update({ where: { id: Number(line.productId) }, data: { stock: 0 } });
  }
}
