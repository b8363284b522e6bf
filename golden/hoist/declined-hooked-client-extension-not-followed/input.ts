import { PrismaClient } from '@prisma/client';
import { auditTrail } from '@acme/prisma-audit';

// The extension comes from a package poolfix does not read: it may hook any model.
const prisma = new PrismaClient().$extends(auditTrail);

export async function restock(lines: { productId: number; quantity: number }[]) {
  const names: string[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    await prisma.movement.create({ data: { productId: line.productId, quantity: line.quantity } });
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
