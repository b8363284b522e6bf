import dayjs from 'dayjs';

export async function monthly(months: Date[]) {
  const out = [];
  for (const month of months) {
    const from = dayjs(month).startOf('month').toDate();
    const to = dayjs(month).endOf('month').toDate();
    const payments = await prisma.payment.findMany({
      where: { paidAt: { gte: from, lte: to } },
      select: { id: true, amount: true },
      orderBy: { paidAt: 'asc' },
    });
    out.push({ month: from.getMonth(), payments });
  }
  return out;
}
