export async function touch(sessions) {
  const touched = await mapInBatches(sessions, 4, (session) => db.session.update({ where: { id: session.id }, data: { seenAt: new Date() } }))
  return touched
}

/** Runs `each` on every item, at most `size` at a time, and returns the results in order:
 * Promise.all with a bound. Every item runs even when one fails; the first failure is
 * thrown after the last batch. (added by poolfix) */
async function mapInBatches(items, size, each) {
  const results = []
  let failure
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(
      items.slice(start, start + size).map((item, offset) => each(item, start + offset)),
    )
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value)
      else if (!failure) failure = { reason: outcome.reason }
    }
  }
  if (failure) throw failure.reason
  return results
}
