import { prisma } from '../lib/db';
import { ratingOf } from '../lib/stock';

// `ratingOf` only reads, so the reference product, the same on every iteration, is read once.
export async function compare(productIds: number[]) {
  const out: { id: number; ratio: number }[] = [];
  const productOnce = productIds.length === 0 ? null : await prisma.product.findUnique({ where: { sku: 'REFERENCE' }, select: { stock: true } });
  for (const id of productIds) {
    const reference = productOnce;
    out.push({ id, ratio: (await ratingOf(id)) / (reference?.stock ?? 1) });
  }
  return out;
}
