export async function refresh(ids: number[]) {
  const pending = Promise.all(ids.map((id) => prisma.cache.update({ where: { id }, data: { stale: true } })));
  await audit('refresh started'); // runs while every update is in flight
  return pending;
}
