type Bucket = { label: string; from: Date; to: Date };

// Money in and out per bucket: two sums per bucket, each of its own table.
export async function cashflow(buckets: Bucket[], category: string) {
  const rows = [];
  for (const b of buckets) {
    const paid = await prisma.payment.aggregate({
      where: { status: 'paid', paidAt: { gte: b.from, lte: b.to } },
      _sum: { amount: true },
    });
    const spent = await prisma.expense.aggregate({
      where: { category, spentAt: { gte: b.from, lte: b.to } },
      _sum: { amount: true },
      _count: true,
    });
    rows.push({ period: b.label, inflow: paid._sum.amount ?? 0, outflow: spent._sum.amount ?? 0, entries: spent._count });
  }
  return rows;
}
