export async function subjectReport(subjects: string[]) {
  const assessmentSubjectGroups = await inChunks(subjects, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: chunk } },
    _count: { _all: true },
  }));
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  return subjects.map((subject) => {
    const count = assessmentCountsBySubject.get(subject) ?? 0;
    // the log line stays per element; only its order across elements may differ
    console.log(`subject ${subject}: ${count}`);
    return { subject, count };
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
