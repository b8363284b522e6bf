export async function touch(sessions) {
  const touched = await Promise.all(sessions.map((session) => db.session.update({ where: { id: session.id }, data: { seenAt: new Date() } })))
  return touched
}
