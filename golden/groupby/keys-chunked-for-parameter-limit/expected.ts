// Nothing bounds how many students a school has: a groupBy takes its `in` list as bind
// parameters (32,766 at most on PostgreSQL) and Prisma does not split it, so the groupBy runs
// on at most 30,000 ids at a time, one part after another.
export async function assessmentCounts(schoolId: number) {
  const students = await prisma.student.findMany({ where: { school_id: schoolId }, select: { id: true } });
  const assessmentStudentIdGroups = await inChunks(students.map((student) => student.id), 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk } },
    _count: { _all: true }
  }));
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const counts = students.map((student) => assessmentCountsByStudentId.get(student.id) ?? 0);
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
