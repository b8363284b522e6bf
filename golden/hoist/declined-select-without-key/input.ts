export async function labels(ids: number[]) {
  const out = [];
  for (const id of ids) {
    const product = await prisma.product.findUnique({ where: { id }, select: { name: true } });
    out.push(product?.name);
  }
  return out;
}
