export async function averages(buckets: { from: Date; to: Date }[]) {
  const out = [];
  for (const b of buckets) {
    const agg = await prisma.payment.aggregate({ where: { paidAt: { gte: b.from, lt: b.to } }, _avg: { amount: true } });
    out.push(agg._avg.amount);
  }
  return out;
}
