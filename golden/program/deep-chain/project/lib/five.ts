import { prisma } from './db';

export async function stepFive(id: number) {
  const a = await prisma.account.findUnique({ where: { id } });
  const b = await prisma.balance.findFirst({ where: { accountId: id } });
  return { a, b };
}
