// Rolling buckets overlap: a row can be in two of them. Each bucket gets its own row objects,
// as each findMany gave, so tagging the rows of one bucket does not tag another's.
type Bucket = { name: string; from: Date; to: Date };

export async function rolling(buckets: Bucket[]) {
  const report = [];
  const assessmentRows = buckets.length === 0 ? [] : await prisma.assessment.findMany({
    where: {
      subject: 'khmer',
      assessed_date: {
        gte: new Date(Math.min(...buckets.map((bucket) => new Date(bucket.from).getTime()))),
        lte: new Date(Math.max(...buckets.map((bucket) => new Date(bucket.to).getTime()))),
      },
    },
    orderBy: { id: 'asc' },
  });
  for (const bucket of buckets) {
    const rows = assessmentRows.filter((row_2) => row_2.assessed_date.getTime() >= new Date(bucket.from).getTime() && row_2.assessed_date.getTime() < new Date(bucket.to).getTime()).map((row_2) => ({ ...row_2, assessed_date: new Date(row_2.assessed_date) }));
    for (const row of rows) row.level = `${bucket.name}:${row.level}`;
    report.push({ bucket: bucket.name, rows });
  }
  return report;
}
