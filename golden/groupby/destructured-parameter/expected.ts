export async function counts(students: { id: number }[]) {
  const assessmentStudentIdGroups = await inChunks(students.map(({ id }) => id), 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk } },
    _count: { _all: true }
  }));
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return students.map(({ id }) => assessmentCountsByStudentId.get(id) ?? 0);
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
