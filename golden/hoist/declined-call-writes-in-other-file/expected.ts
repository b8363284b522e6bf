import { prisma } from '../lib/db';
import { reserve } from '../lib/stock';

// `reserve` is in another file: the program stage knows it writes, not which model, so the
// product read stays in the loop.
export async function checkout(lines: { productId: number; quantity: number }[]) {
  const names: string[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    names.push(product?.name ?? 'gone');
    await reserve(line.productId, line.quantity);
  }
  return names;
}
