// The line's product id is moved to its successor before the read: the key the read uses is
// not the one the line held when the loop started.
export async function successors(lines: { productId: number }[]) {
  const names: string[] = [];
  for (const line of lines) {
    line.productId = line.productId + 1000;
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
