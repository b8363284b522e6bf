// The array is a local computed from other data, not a literal nor a parameter: the keys are
// copied for `in` (the rewrite cannot tell it is a mutable array).
export async function countsPerSubject(rows: { subject: string }[]) {
  const subjects: string[] = rows.map((row) => row.subject.trim());
  const assessmentSubjectGroups = await inChunks(subjects, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: chunk } },
    _count: { _all: true }
  }));
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = subjects.map((subject) => assessmentCountsBySubject.get(subject) ?? 0);
  return counts;
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
