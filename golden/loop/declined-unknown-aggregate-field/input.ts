export async function perBucket(buckets: { from: Date; to: Date }[]) {
  const out = [];
  for (const b of buckets) {
    const agg = await prisma.payment.aggregate({ where: { paidAt: { gte: b.from, lt: b.to } }, _sum: { fee: true } });
    out.push(agg._sum.fee);
  }
  return out;
}
