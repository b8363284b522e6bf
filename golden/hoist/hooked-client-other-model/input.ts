import { Prisma, PrismaClient } from '@prisma/client';

// Hidden reviews never leave the database: the hook runs for reviews only.
const hideFlagged = Prisma.defineExtension({
  name: 'hide-flagged',
  query: {
    review: {
      async findMany({ args, query }) {
        return query({ ...args, where: { ...args.where, rating: { gt: 0 } } });
      },
    },
  },
});

const prisma = new PrismaClient().$extends(hideFlagged);

// Restocking: one product read per line, a movement written per line. Products are not
// hooked, so one findMany before the loop reads what the per-line reads read.
export async function restock(lines: { productId: number; quantity: number }[]) {
  const names: string[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    await prisma.movement.create({ data: { productId: line.productId, quantity: line.quantity } });
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
