import { prisma } from '../../../lib/db';

// A write per product inside an interactive transaction: reported, and left as it is.
export async function DELETE(request: Request) {
  const { ids } = (await request.json()) as { ids: number[] };
  await prisma.$transaction(async (tx) => {
    for (const id of ids) {
      await tx.product.update({ where: { id }, data: { stock: 0 } });
    }
  });
  return new Response(null, { status: 204 });
}

// The array form runs its updates one after another on one connection, with no callback
// holding it in between: one connection, no loop of round trips to report.
export async function PUT(request: Request) {
  const { ids } = (await request.json()) as { ids: number[] };
  await prisma.$transaction(ids.map((id) => prisma.product.update({ where: { id }, data: { stock: 10 } })));
  return new Response(null, { status: 204 });
}
