import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
// Middleware that runs around every operation: one $queryRaw would skip it.
db.$use(async (params, next) => {
  if (params.model === 'Assessment' && params.action === 'count') params.args.where = { ...params.args.where, is_temporary: false };
  return next(params);
});

export async function monthly(today: Date) {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    out.push(await db.assessment.count({ where: { assessed_date: { gte: start, lt: end } } }));
  }
  return out;
}
