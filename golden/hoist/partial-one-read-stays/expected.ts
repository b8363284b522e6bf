// The product read moves before the loop; the latest review's read keeps its `take`, so it stays.
async function overview(lines: { productId: number }[]) {
  const out = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: lines.map((line) => line.productId) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const line of lines) {
    const product = productById.get(line.productId) ?? null;
    const recent = await prisma.review.findMany({ where: { productId: line.productId }, take: 3 });
    out.push({ product, recent });
  }
  return out;
}

export async function POST(request: Request) {
  const lines: { productId: number }[] = await request.json();
  return Response.json(await overview(lines));
}
