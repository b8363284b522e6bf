export async function touch(sessions) {
  const touched = await allInBatches(sessions, 4, (session) => db.session.update({ where: { id: session.id }, data: { seenAt: new Date() } }))
  return touched
}

/** Calls `each` on every item first, as `.map` does, then awaits what it returned at most
 * `size` at a time (queries start when awaited) and returns the results in order:
 * Promise.all with a bound. Every one runs even when one fails; the first failure is
 * thrown after the last batch. (added by poolfix) */
async function allInBatches(items, size, each) {
  const results = []
  let failure
  const values = items.map(each)
  for (let start = 0; start < items.length; start += size) {
    const settled = await Promise.allSettled(values.slice(start, start + size))
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value)
      else if (!failure) failure = { reason: outcome.reason }
    }
  }
  if (failure) throw failure.reason
  return results
}
