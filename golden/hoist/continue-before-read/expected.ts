export async function names(lines: { productId: number | null }[]) {
  const found = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: lines.map((line) => line.productId).filter((key): key is NonNullable<typeof key> => key != null) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const line of lines) {
    if (line.productId === null) continue;
    const product = productById.get(line.productId) ?? null;
    found.push(product?.name);
  }
  return found;
}
