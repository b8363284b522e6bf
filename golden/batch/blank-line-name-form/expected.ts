export async function counts() {
  const totalsBatch1 = await Promise.all([
    prisma.link.count(),
    prisma.domain.count(),
    prisma.tag.count(),
  ]);

  const totalsBatch2 = await Promise.all([
    prisma.owner.count(),
    prisma.member.count(),
  ]);
  const totals: [...typeof totalsBatch1, ...typeof totalsBatch2] = [...totalsBatch1, ...totalsBatch2];
  return totals;
}
