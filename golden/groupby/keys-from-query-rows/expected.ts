// The students come from a query: `student.id` is a required field, so no key is undefined.
export async function visitCounts(schoolId: number) {
  const students = await prisma.student.findMany({ where: { school_id: schoolId }, select: { id: true, name: true } });
  const visitStudentIdGroups = await inChunks(students.map((student) => student.id), 30000, (chunk) => prisma.visit.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk } },
    _count: { _all: true }
  }));
  const visitCountsByStudentId = new Map(visitStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const counts = students.map((student) => visitCountsByStudentId.get(student.id) ?? 0);
  return students.map((student, i) => ({ name: student.name, visits: counts[i] }));
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
