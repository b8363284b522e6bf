// A sale reads each product and takes the quantity off its stock. The rows are read before
// the loop; the update makes the lookup forget its product, so a product sold on two lines
// is read again, as written, on the second and sees the stock the first one left.
export async function sell(lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product || product.stock < line.quantity) continue;
    await prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } });
  }
}
