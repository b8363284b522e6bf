export async function perBucket(buckets: { from: Date; to: Date }[], official: boolean) {
  const out = [];
  for (const b of buckets) {
    const n = await prisma.payment.count({ where: { ...officialOnly(official), paidAt: { gte: b.from, lt: b.to } } });
    out.push(n);
  }
  return out;
}
