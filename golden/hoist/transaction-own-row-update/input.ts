// Checkout in an interactive transaction: every line reads its product, refuses a short stock
// (the throw rolls everything back) and takes the quantity off. The read is hoisted on `tx`;
// the update makes the lookup forget its product, so a second line for the same product reads
// it again on `tx` and sees the stock the first line left.
export async function checkout(cart: { productId: number; quantity: number }[]) {
  await prisma.$transaction(async (tx) => {
    for (const item of cart) {
      const product = await tx.product.findUnique({ where: { id: item.productId } });
      if (!product || product.stock < item.quantity) {
        throw new Error(`not enough of product ${item.productId}`);
      }
      await tx.product.update({ where: { id: item.productId }, data: { stock: { decrement: item.quantity } } });
    }
  });
}
