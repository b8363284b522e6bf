// `$queryRaw` is a query on any client, here one named for the read replica.
export async function loadStats() {
  const [visits, signups, orders] = await Promise.all([
    replica.$queryRaw`SELECT count(*)::int AS n FROM visits`,
    replica.$queryRaw`SELECT count(*)::int AS n FROM signups`,
    replica.$queryRawUnsafe('SELECT count(*)::int AS n FROM orders'),
  ]);
  const [refunds, churn, revenue] = await Promise.all([
    replica.$queryRaw`SELECT count(*)::int AS n FROM refunds`,
    replica.$queryRaw`SELECT count(*)::int AS n FROM churn`,
    replica.$queryRaw`SELECT sum(total)::int AS n FROM orders`,
  ]);
  return { visits, signups, orders, refunds, churn, revenue };
}
