export async function tryAll(ids: number[]) {
  const outcomes = await Promise.allSettled(ids.map((id) => prisma.job.update({ where: { id }, data: { retried: true } })));
  return outcomes.filter((o) => o.status === 'rejected').length;
}
