import { prisma, audit } from '../../../../lib/db';

// Pays an order: the customer lookup goes through `prisma`, not `tx`, so it needs a second
// connection while the transaction holds the first one.
export async function POST(request: Request) {
  const { orderId } = await request.json();
  const paid = await prisma.$transaction(async (tx) => {
    const order = await tx.order.update({ where: { id: orderId }, data: { state: 'paid' } });
    const buyer = await prisma.customer.findUnique({ where: { id: order.customerId } });
    await tx.customer.update({ where: { id: order.customerId }, data: { credit: { decrement: order.total } } });
    await audit.auditEntry.create({ data: { topic: `paid ${order.id}` } });
    return { order, buyer };
  });
  return Response.json(paid);
}

// The callback takes no transaction client at all: its query runs on `prisma` too.
export async function PUT(request: Request) {
  const { orderId } = await request.json();
  await prisma.$transaction(async () => {
    await prisma.order.update({ where: { id: orderId }, data: { state: 'open' } });
  });
  return Response.json({ orderId });
}
