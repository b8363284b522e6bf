type Bucket = { label: string; from: Date; to: Date };

// Money in and out per bucket: two sums per bucket, each of its own table.
export async function cashflow(buckets: Bucket[], category: string) {
  const rows = [];
  const paymentRows = buckets.length === 0 ? [] : await prisma.payment.findMany({
    where: {
      status: 'paid',
      paidAt: {
        gte: new Date(Math.min(...buckets.map((b) => new Date(b.from).getTime()))),
        lte: new Date(Math.max(...buckets.map((b) => new Date(b.to).getTime()))),
      },
    },
    select: { paidAt: true, amount: true },
  });
  const expenseRows = buckets.length === 0 ? [] : await prisma.expense.findMany({
    where: {
      category,
      spentAt: {
        gte: new Date(Math.min(...buckets.map((b) => new Date(b.from).getTime()))),
        lte: new Date(Math.max(...buckets.map((b) => new Date(b.to).getTime()))),
      },
    },
    select: { spentAt: true, amount: true },
  });
  for (const b of buckets) {
    const paymentInWindow = paymentRows.filter((row) => row.paidAt.getTime() >= new Date(b.from).getTime() && row.paidAt.getTime() <= new Date(b.to).getTime());
    const paid = { _sum: { amount: paymentInWindow.reduce<number | null>((sum, row) => (sum ?? 0) + row.amount, null) } };
    const expenseInWindow = expenseRows.filter((row) => row.spentAt.getTime() >= new Date(b.from).getTime() && row.spentAt.getTime() <= new Date(b.to).getTime());
    const spent = { _sum: { amount: expenseInWindow.reduce<number | null>((sum, row) => (row.amount === null ? sum : (sum ?? 0) + row.amount), null) }, _count: expenseInWindow.length };
    rows.push({ period: b.label, inflow: paid._sum.amount ?? 0, outflow: spent._sum.amount ?? 0, entries: spent._count });
  }
  return rows;
}
