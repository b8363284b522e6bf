// Marking each line done after its read changes a field the key does not use: the keys
// read before the loop are the ones the reads use.
export async function markReceived(lines: { productId: number; done: boolean }[]) {
  const names: string[] = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: lines.map((line) => line.productId) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const line of lines) {
    const product = productById.get(line.productId) ?? null;
    names.push(product?.name ?? 'unknown');
    line.done = true;
  }
  return names;
}
