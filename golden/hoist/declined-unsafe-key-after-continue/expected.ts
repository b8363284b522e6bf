export async function names(lines: { product?: { id: number } }[]) {
  const found = [];
  for (const line of lines) {
    if (!line.product) continue;
    // for a skipped line, line.product.id would throw if computed before the loop
    const product = await prisma.product.findUnique({ where: { id: line.product.id } });
    found.push(product?.name);
  }
  return found;
}
