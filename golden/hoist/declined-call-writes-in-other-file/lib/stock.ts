import { prisma } from './db';

// Takes units out of stock; the caller reads the same product again.
export async function reserve(productId: number, quantity: number) {
  await prisma.product.update({ where: { id: productId }, data: { stock: { decrement: quantity } } });
}
