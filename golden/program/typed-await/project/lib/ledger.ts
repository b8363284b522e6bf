import { Prisma } from '@prisma/client';
import { db } from './db';

type Row = { total: bigint };

// `await f<T>(...)`: the parser reads the await as part of the callee; the call is still a query.
export async function monthTotal(accountId: string) {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`SELECT SUM(amount) AS total FROM entry WHERE account = ${accountId}`);
  return rows[0]?.total ?? 0n;
}

export async function openInvoices<T>(accountId: string) {
  return (await db.$queryRawUnsafe<T[]>('SELECT * FROM invoice WHERE account = $1 AND paid = false', accountId));
}
