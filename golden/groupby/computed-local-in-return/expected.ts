export async function progress(subjects: string[]) {
  const assessmentSubjectGroups = await inChunks(subjects, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: chunk }, is_temporary: false },
    _count: { _all: true },
  }));
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const assessmentSubjectGroups_2 = await inChunks(subjects, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: chunk } },
    _count: { _all: true },
  }));
  const assessmentCountsBySubject_2 = new Map(assessmentSubjectGroups_2.map((group) => [group.subject, group._count._all] as const));
  const rows = subjects.map((subject) => {
    const done = assessmentCountsBySubject.get(subject) ?? 0;
    const all = assessmentCountsBySubject_2.get(subject) ?? 0;
    const share = all ? done / all : 0;
    const label = subject.trim().toUpperCase();
    return { label, done, all, percent: (share * 100).toFixed(1) };
  });
  return rows;
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
