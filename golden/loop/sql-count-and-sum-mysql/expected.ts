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
  const saleWindowBounds = saleWindows.map((bounds) => [bounds.start.toISOString().slice(0, 23).replace('T', ' '), bounds.end.toISOString().slice(0, 23).replace('T', ' ')]);
  const saleRows = (await prisma.$queryRaw`
    SELECT COUNT(t.\`sold_at\`) AS count, SUM(t.\`quantity\`) AS \`sum_quantity\`
    FROM (
      SELECT 0 AS idx, CAST(${saleWindowBounds[0][0]} AS DATETIME(3)) AS lo, CAST(${saleWindowBounds[0][1]} AS DATETIME(3)) AS hi
      UNION ALL SELECT 1, CAST(${saleWindowBounds[1][0]} AS DATETIME(3)), CAST(${saleWindowBounds[1][1]} AS DATETIME(3))
      UNION ALL SELECT 2, CAST(${saleWindowBounds[2][0]} AS DATETIME(3)), CAST(${saleWindowBounds[2][1]} AS DATETIME(3))
      UNION ALL SELECT 3, CAST(${saleWindowBounds[3][0]} AS DATETIME(3)), CAST(${saleWindowBounds[3][1]} AS DATETIME(3))
    ) AS w
    LEFT JOIN \`sales\` t ON t.\`sold_at\` >= w.lo AND t.\`sold_at\` < w.hi AND t.\`region\` = ${'north'}
    GROUP BY w.idx ORDER BY w.idx`) as { count: number | bigint; sum_quantity: unknown }[];
  let saleNextWindow = 0;
  for (let i = 0; i < 4; i++) {
    const { start, end } = saleWindow(i);
    const saleWindowIndex = saleNextWindow++;
    const totals = { _count: { _all: Number(saleRows[saleWindowIndex].count) }, _sum: { quantity: (saleRows[saleWindowIndex].sum_quantity === null ? null : Number(saleRows[saleWindowIndex].sum_quantity)) } };
    months.push({ month: i, sales: totals._count._all, units: totals._sum.quantity });
  }
  return months;
}
