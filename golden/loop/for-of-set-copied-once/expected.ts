type Bucket = { label: string; from: Date; to: Date };

// The buckets are a Set: it has no `.map` or `.length`, and it is iterated twice after the
// rewrite (the windows, then the loop), so it is copied into an array once.
export async function signupsPerBucket(buckets: Set<Bucket>) {
  const out: { label: string; signups: number }[] = [];
  const windowSources = Array.from(buckets);
  const signupRows = windowSources.length === 0 ? [] : await prisma.signup.findMany({
    where: {
      createdAt: {
        gte: new Date(Math.min(...windowSources.map((bucket) => new Date(bucket.from).getTime()))),
        lte: new Date(Math.max(...windowSources.map((bucket) => new Date(bucket.to).getTime()))),
      },
    },
    select: { createdAt: true }
  });
  for (const bucket of windowSources) {
    const signups = signupRows.filter((row) => row.createdAt.getTime() >= new Date(bucket.from).getTime() && row.createdAt.getTime() < new Date(bucket.to).getTime()).length;
    out.push({ label: bucket.label, signups });
  }
  return out;
}
