// Each line takes its quantity off the product's stock on the row it read. Two lines of the
// same product would share one row object after a hoist, and the second line would see the
// stock the first one already lowered: the read stays in the loop.
export async function POST(request: Request) {
  const lines: { productId: number; quantity: number }[] = await request.json();
  const left: number[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    if (!product) continue;
    product.stock -= line.quantity;
    left.push(product.stock);
  }
  return Response.json(left);
}
