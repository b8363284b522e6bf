export async function names(lines: { productId: number | null }[]) {
  const found = [];
  for (const line of lines) {
    if (line.productId === null) continue;
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    found.push(product?.name);
  }
  return found;
}
