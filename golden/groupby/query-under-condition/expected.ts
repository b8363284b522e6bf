export async function latestForActive(pupils: { id: number; name: string; active: boolean }[]) {
  const assessmentStudentIdGroups = await inChunks(pupils.map((pupil) => pupil.id), 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk } },
    _count: { _all: true },
  }));
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return pupils.map((pupil) => {
    if (pupil.name === '') throw new RangeError(`pupil ${pupil.id} has no name`);
    let assessed = 0;
    if (pupil.active) {
      assessed = assessmentCountsByStudentId.get(pupil.id) ?? 0;
    } else {
      console.warn('inactive pupil', pupil.id);
    }
    return { id: pupil.id, assessed };
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
