// Marking each line done after its read changes a field the key does not use: the keys
// read before the loop are the ones the reads use.
export async function markReceived(lines: { productId: number; done: boolean }[]) {
  const names: string[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    names.push(product?.name ?? 'unknown');
    line.done = true;
  }
  return names;
}
