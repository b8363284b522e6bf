import { prisma } from '../../../../lib/db';

// Both counts in the callback run on `prisma` while the transaction holds its connection: three
// connections at once.
export async function GET() {
  const summary = await prisma.$transaction(async (tx) => {
    const open = await tx.order.count({ where: { state: 'open' } });
    const [paid, customers] = await Promise.all([
      prisma.order.count({ where: { state: 'paid' } }),
      prisma.customer.count(),
    ]);
    return { open, paid, customers };
  });
  return Response.json(summary);
}
