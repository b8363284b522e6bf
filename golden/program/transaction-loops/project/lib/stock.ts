import type { Prisma } from '@prisma/client';

// Records one stock movement on whatever client it is given (a transaction's, here).
export async function recordMovement(client: Prisma.TransactionClient, productId: number, quantity: number) {
  await client.movement.create({ data: { productId, quantity } });
}
