// The ids are a Set, so no two iterations share a row: each row may be changed freely, and the
// read moves before the loop. A Set is no array: its keys are read with Array.from.
export async function POST(request: Request) {
  const ids = new Set<number>(await request.json());
  const labels: string[] = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: Array.from(ids).filter((key): key is NonNullable<typeof key> => key != null) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const id of ids) {
    const product = id == null ? await prisma.product.findUnique({ where: { id } }) : productById.get(id) ?? null;
    if (!product) continue;
    product.name = product.name.toUpperCase();
    labels.push(product.name);
  }
  return Response.json(labels);
}
