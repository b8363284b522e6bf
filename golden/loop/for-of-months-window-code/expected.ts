import dayjs from 'dayjs';

export async function monthly(months: Date[]) {
  const out = [];
  const paymentWindow = (month: (typeof months)[number]) => {
    const from = dayjs(month).startOf('month').toDate();
    const to = dayjs(month).endOf('month').toDate();
    return { from, to };
  };
  const paymentWindows: ReturnType<typeof paymentWindow>[] = [];
  for (const month of months) paymentWindows.push(paymentWindow(month));
  const paymentRows = paymentWindows.length === 0 ? [] : await prisma.payment.findMany({
    where: {
      paidAt: {
        gte: new Date(Math.min(...paymentWindows.map((bounds) => bounds.from.getTime()))),
        lte: new Date(Math.max(...paymentWindows.map((bounds) => bounds.to.getTime()))),
      },
    },
    select: { id: true, amount: true, paidAt: true },
    orderBy: { paidAt: 'asc' },
  });
  for (const month of months) {
    const { from, to } = paymentWindow(month);
    const payments = paymentRows.filter((row) => row.paidAt >= from && row.paidAt <= to).map((row) => ({ id: row.id, amount: row.amount }));
    out.push({ month: from.getMonth(), payments });
  }
  return out;
}
