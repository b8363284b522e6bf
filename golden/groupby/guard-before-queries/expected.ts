type Pupil = { id: number; name: string };

export async function visitTotals(pupils: Pupil[]) {
  const visitStudentIdGroups = await inChunks(pupils.map((pupil) => pupil.id), 30000, (chunk) => prisma.visit.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk }, verified: true },
    _count: { _all: true },
  }));
  const visitCountsByStudentId = new Map(visitStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return pupils.map((pupil) => {
    if (!pupil.name) return null;
    const visits = visitCountsByStudentId.get(pupil.id) ?? 0;
    return { name: pupil.name, visits };
  });
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
