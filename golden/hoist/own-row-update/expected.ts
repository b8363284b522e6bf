// A sale reads each product and takes the quantity off its stock. The rows are read before
// the loop; the update makes the lookup forget its product, so a product sold on two lines
// is read again, as written, on the second and sees the stock the first one left.
export async function sell(lines: { productId: number; quantity: number }[]) {
  const productKeys = lines.map((line) => line.productId);
  const productRows = await prisma.product.findMany({ where: { id: { in: productKeys } } });
  const productById = new Map<unknown, (typeof productRows)[number] | null>(productKeys.map((key) => [key, null] as const));
  for (const row of productRows) productById.set(row.id, row);
  for (const line of lines) {
    const product = !productById.has(line.productId) ? await prisma.product.findUnique({ where: { id: line.productId } }) : productById.get(line.productId) ?? null;
    if (!product || product.stock < line.quantity) continue;
    productById.delete(line.productId);
    await prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } });
  }
}
