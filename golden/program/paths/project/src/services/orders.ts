import { prisma } from '@/db';

export async function listOrders() {
  const [open, closed] = await Promise.all([
    prisma.order.findMany({ where: { status: 'open' }, take: 20 }),
    prisma.order.count({ where: { status: 'closed' } }),
  ]);
  return { open, closed };
}
