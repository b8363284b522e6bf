import { prisma } from '../../../../lib/db';

// Every query of the callback runs on the transaction's client, here named like the outer one.
export async function POST(request: Request) {
  const { orderId } = await request.json();
  const refunded = await prisma.$transaction(async (prisma) => {
    const order = await prisma.order.update({ where: { id: orderId }, data: { state: 'refunded' } });
    await prisma.customer.update({ where: { id: order.customerId }, data: { credit: { increment: order.total } } });
    return order;
  });
  return Response.json(refunded);
}

// The array form takes no callback: its queries are the transaction.
export async function DELETE(request: Request) {
  const { orderId } = await request.json();
  const [order] = await prisma.$transaction([
    prisma.order.delete({ where: { id: orderId } }),
    prisma.auditEntry.create({ data: { topic: `deleted ${orderId}` } }),
  ]);
  return Response.json(order);
}
