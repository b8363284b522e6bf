// Checkout in an interactive transaction: every line reads its product, refuses a short stock
// (the throw rolls everything back) and takes the quantity off. The read is hoisted on `tx`;
// the update makes the lookup forget its product, so a second line for the same product reads
// it again on `tx` and sees the stock the first line left.
export async function checkout(cart: { productId: number; quantity: number }[]) {
  await prisma.$transaction(async (tx) => {
    const productKeys = cart.map((item) => item.productId).filter((key): key is NonNullable<typeof key> => key != null);
    const productRows = await tx.product.findMany({ where: { id: { in: productKeys } } });
    const productById = new Map<unknown, (typeof productRows)[number] | null>(productKeys.map((key) => [key, null] as const));
    for (const row of productRows) productById.set(row.id, row);
    for (const item of cart) {
      const product = !productById.has(item.productId) ? await tx.product.findUnique({ where: { id: item.productId } }) : productById.get(item.productId) ?? null;
      if (!product || product.stock < item.quantity) {
        throw new Error(`not enough of product ${item.productId}`);
      }
      productById.delete(item.productId);
      await tx.product.update({ where: { id: item.productId }, data: { stock: { decrement: item.quantity } } });
    }
  });
}
