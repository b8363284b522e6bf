// Zeroing the stock of some products, one update per product, in an interactive transaction.
// The loop holds the transaction's connection for every update and is reported; it reads
// nothing, and writes are never moved, so it is declined.
export async function clearStock(productIds: number[]) {
  await prisma.$transaction(async (tx) => {
    for (const productId of productIds) {
      await tx.product.update({ where: { id: productId }, data: { stock: 0 } });
    }
  });
}
