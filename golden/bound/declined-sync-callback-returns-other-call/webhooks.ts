import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// Records a delivery: it returns the query itself, which runs when the caller awaits it.
export function deliver(hook: { id: number }, payload: string) {
  return prisma.delivery.create({ data: { hookId: hook.id, payload } });
}
