// No schema here, and none needed to see why: the callback writes.
export async function markRead(ids: number[]) {
  return await Promise.all(ids.map((id) => prisma.notification.update({ where: { id }, data: { read: true } })));
}
