export async function cleanup(cutoff: Date) {
  const [links, domains, tags] = await Promise.all([
    prisma.link.findMany({ where: { createdAt: { lt: cutoff } }, take: 100 }),

    prisma.domain.findMany({ where: { createdAt: { lt: cutoff } }, take: 100 }),

    prisma.tag.findMany({ where: { createdAt: { lt: cutoff } }, take: 100 }),
  ]);

  const [owners, members] = await Promise.all([
    // the people who own what is about to go
    prisma.owner.findMany({ where: { createdAt: { lt: cutoff } }, take: 100 }),

    prisma.member.findMany({ where: { createdAt: { lt: cutoff } }, take: 100 }),
  ]);
  return { links, domains, tags, owners, members };
}
