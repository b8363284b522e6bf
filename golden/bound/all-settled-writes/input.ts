// Retries every failed job and counts the ones that failed again. allSettled never throws:
// each update settles on its own, and the count reads how each one ended.
export async function retryFailed(ids: number[]) {
  const outcomes = await Promise.allSettled(
    ids.map((id) => prisma.job.update({ where: { id }, data: { retried: true } })),
  );
  return outcomes.filter((o) => o.status === 'rejected').length;
}
