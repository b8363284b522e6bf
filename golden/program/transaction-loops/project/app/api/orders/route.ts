import { prisma } from '../../../lib/db';
import { recordMovement } from '../../../lib/stock';

// One interactive transaction: a read per line and a movement recorded by a helper in another
// file. The loop is charged with both (2 queries per line, on the transaction's connection);
// the endpoint still takes one connection for the whole transaction.
export async function POST(request: Request) {
  const { lines } = (await request.json()) as { lines: { productId: number; quantity: number }[] };
  const names = await prisma.$transaction(async (tx) => {
    const out: string[] = [];
    for (const line of lines) {
      const product = await tx.product.findUnique({ where: { id: line.productId } });
      await recordMovement(tx, line.productId, -line.quantity);
      out.push(product?.name ?? '');
    }
    return out;
  });
  return Response.json(names);
}
