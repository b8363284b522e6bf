// No schema here, and none needed to see why: a for-of over rows is not a window loop.
export async function touchAll(ids: number[]) {
  for (const id of ids) {
    await prisma.session.update({ where: { id }, data: { touchedAt: new Date() } });
  }
}
