// A Float sum depends on the order the rows are added in: not written as SQL.
export async function monthlyUnits(today: Date) {
  const months: { month: number; sales: number; units: number | null }[] = [];
  for (let i = 0; i < 4; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const totals = await prisma.sale.aggregate({
      where: { region: 'north', soldAt: { gte: start, lt: end } },
      _count: { _all: true },
      _sum: { price: true },
    });
    months.push({ month: i, sales: totals._count._all, units: totals._sum.price });
  }
  return months;
}
