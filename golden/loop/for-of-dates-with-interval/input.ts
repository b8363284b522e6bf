// One row per period starting at each date, the period's length chosen by `interval`.
export async function incomeByPeriod(starts: Date[], interval: 'day' | 'week' | 'month') {
  const periods = [];
  for (const date of starts) {
    const next = new Date(date);
    if (interval === 'day') {
      next.setDate(next.getDate() + 1);
    } else if (interval === 'week') {
      next.setDate(next.getDate() + 7);
    } else {
      next.setMonth(next.getMonth() + 1);
    }
    const income = await prisma.payment.aggregate({
      where: { status: 'paid', paidAt: { gte: date, lt: next } },
      _sum: { amount: true },
    });
    periods.push({ date, income: income._sum.amount ?? 0 });
  }
  return periods;
}
