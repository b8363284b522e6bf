// Rolling buckets overlap: a row can be in two of them. Each bucket gets its own row objects,
// as each findMany gave, so tagging the rows of one bucket does not tag another's.
type Bucket = { name: string; from: Date; to: Date };

export async function rolling(buckets: Bucket[]) {
  const report = [];
  for (const bucket of buckets) {
    const rows = await prisma.assessment.findMany({
      where: { subject: 'khmer', assessed_date: { gte: bucket.from, lt: bucket.to } },
      orderBy: { id: 'asc' },
    });
    for (const row of rows) row.level = `${bucket.name}:${row.level}`;
    report.push({ bucket: bucket.name, rows });
  }
  return report;
}
