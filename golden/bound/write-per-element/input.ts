export async function archiveAll(ids: number[]) {
  // one update per id: each must still happen when another fails
  const archived = await Promise.all(ids.map((id, position) => prisma.task.update({ where: { id }, data: { archived: true, position } })));
  return archived.length;
}
