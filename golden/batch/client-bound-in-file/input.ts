import { PrismaClient } from '@prisma/client';

const globalStore = globalThis as unknown as { ledger?: PrismaClient };
export const ledger = globalStore.ledger ?? new PrismaClient();

export async function totals() {
  const [accounts, entries, open, closed, users] = await Promise.all([
    ledger.account.count(),
    ledger.entry.count(),
    ledger.account.count({ where: { open: true } }),
    ledger.account.count({ where: { open: false } }),
    ledger.user.count(),
  ]);
  return { accounts, entries, open, closed, users };
}
