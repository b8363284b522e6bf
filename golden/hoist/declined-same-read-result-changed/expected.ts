// The same product is read on every iteration and each iteration changes the row it got. Read
// once before the loop, every iteration would change the one row: the names would pile up.
export async function POST(request: Request) {
  const suffixes: string[] = await request.json();
  const names: string[] = [];
  for (const suffix of suffixes) {
    const product = await prisma.product.findFirst({ where: { sku: 'gift-card' } });
    if (!product) continue;
    product.name = `${product.name} ${suffix}`;
    names.push(product.name);
  }
  return Response.json(names);
}
