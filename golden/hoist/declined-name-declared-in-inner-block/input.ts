// The read's filter names `skus`, which only exists inside the if: moved before the loop it
// would name nothing (or another `skus` further out).
export async function stockBySku(batches: { skus: string[] }[]) {
  const totals: number[] = [];
  for (const batch of batches) {
    if (batch.skus.length > 0) {
      const skus = [...new Set(batch.skus)];
      const products = await prisma.product.findMany({ where: { sku: { in: skus } }, select: { stock: true } });
      totals.push(products.reduce((sum, p) => sum + p.stock, 0));
    }
  }
  return totals;
}
