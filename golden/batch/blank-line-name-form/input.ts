export async function counts() {
  const totals = await Promise.all([
    prisma.link.count(),
    prisma.domain.count(),
    prisma.tag.count(),

    prisma.owner.count(),
    prisma.member.count(),
  ]);
  return totals;
}
