// One row per period starting at each date, the period's length chosen by `interval`.
export async function incomeByPeriod(starts: Date[], interval: 'day' | 'week' | 'month') {
  const periods = [];
  const paymentWindow = (date: (typeof starts)[number]) => {
    const next = new Date(date);
    if (interval === 'day') {
      next.setDate(next.getDate() + 1);
    } else if (interval === 'week') {
      next.setDate(next.getDate() + 7);
    } else {
      next.setMonth(next.getMonth() + 1);
    }
    return { next, date };
  };
  const paymentWindows: ReturnType<typeof paymentWindow>[] = [];
  for (const date of starts) paymentWindows.push(paymentWindow(date));
  const paymentRows = paymentWindows.length === 0 ? [] : await prisma.payment.findMany({
    where: {
      status: 'paid',
      paidAt: {
        gte: new Date(Math.min(...paymentWindows.map(({ next, date }) => new Date(date).getTime()))),
        lte: new Date(Math.max(...paymentWindows.map((bounds) => bounds.next.getTime()))),
      },
    },
    select: { paidAt: true, amount: true },
  });
  for (const date of starts) {
    const { next } = paymentWindow(date);
    const paymentInWindow = paymentRows.filter((row_2) => row_2.paidAt.getTime() >= new Date(date).getTime() && row_2.paidAt < next);
    const income = { _sum: { amount: paymentInWindow.reduce<number | null>((sum, row_2) => (sum ?? 0) + row_2.amount, null) } };
    periods.push({ date, income: income._sum.amount ?? 0 });
  }
  return periods;
}
