import { prisma } from '../../../../lib/db';

// Marks the open orders of each customer as reminded. The credit check reads through
// `prisma` inside the loop, not `tx`: every element waits for a second connection while the
// transaction holds the first, which the loop's finding says beside the per-query one.
export async function POST(request: Request) {
  const customerIds: number[] = await request.json();
  const reminded = await prisma.$transaction(async (tx) => {
    let count = 0;
    for (const customerId of customerIds) {
      const customer = await prisma.customer.findUnique({ where: { id: customerId } });
      if (!customer || customer.credit > 0) continue;
      const marked = await tx.order.updateMany({ where: { customerId, state: 'open' }, data: { state: 'reminded' } });
      count += marked.count;
    }
    return count;
  });
  return Response.json({ reminded });
}
