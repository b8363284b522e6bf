export async function mustExist(ids: number[]) {
  const out = [];
  for (const id of ids) {
    out.push(await prisma.product.findUniqueOrThrow({ where: { id } }));
  }
  return out;
}
