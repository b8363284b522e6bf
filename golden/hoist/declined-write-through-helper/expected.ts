// `restock` writes the product the next line may read again: the write is in a function of
// this file, not in the loop, and still counts.
async function restock(productId: number, quantity: number) {
  await prisma.product.update({ where: { id: productId }, data: { stock: { increment: quantity } } });
}

export async function receive(lines: { productId: number; quantity: number }[]) {
  const levels: (number | null)[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    levels.push(product ? product.stock : null);
    await restock(line.productId, line.quantity);
  }
  return levels;
}
