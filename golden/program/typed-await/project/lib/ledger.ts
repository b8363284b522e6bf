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

// A typed tagged template: the parser recovers it with a MISSING `!`; it is still one query.
export async function overdueCount(accountId: string) {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM invoice WHERE account = ${accountId} AND due < now()`;
  return Number(row.n);
}
