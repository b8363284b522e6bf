// Units sold and sales per month: a count and an Int sum per window, one SQL query.
export async function monthlyUnits(today: Date) {
  const months: { month: number; sales: number; units: number | null }[] = [];
  const saleWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const saleWindows: ReturnType<typeof saleWindow>[] = [];
  for (let i = 0; i < 4; i++) saleWindows.push(saleWindow(i));
  const saleRows = (await prisma.$queryRaw`
    SELECT COUNT(t."sold_at")::int AS count, SUM(t."quantity")::float8 AS "sum_quantity"
    FROM unnest(${saleWindows.map((bounds) => bounds.start.toISOString())}::timestamp[], ${saleWindows.map((bounds) => bounds.end.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
    LEFT JOIN "sales" t ON t."sold_at" >= w.lo AND t."sold_at" < w.hi AND t."region" = ${'north'}
    GROUP BY w.idx ORDER BY w.idx`) as { count: number; sum_quantity: number | null }[];
  let saleNextWindow = 0;
  for (let i = 0; i < 4; i++) {
    const { start, end } = saleWindow(i);
    const saleWindowIndex = saleNextWindow++;
    const totals = { _count: { _all: saleRows[saleWindowIndex].count }, _sum: { quantity: saleRows[saleWindowIndex].sum_quantity } };
    months.push({ month: i, sales: totals._count._all, units: totals._sum.quantity });
  }
  return months;
}
