// A work queue: each product may add its replacement to the end of the queue. Keys read
// before the loop would not include the products added on the way.
export async function followReplacements(queue: { productId: number; replacedBy?: number }[]) {
  const names: string[] = [];
  for (const entry of queue) {
    const product = await prisma.product.findUnique({ where: { id: entry.productId } });
    names.push(product?.name ?? 'unknown');
    if (entry.replacedBy !== undefined) queue.push({ productId: entry.replacedBy });
  }
  return names;
}
