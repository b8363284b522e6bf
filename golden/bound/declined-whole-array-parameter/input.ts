export async function chain(ids: number[]) {
  return Promise.all(ids.map((id, i, all) => prisma.link.update({ where: { id }, data: { next: all[i + 1] ?? null } })));
}
