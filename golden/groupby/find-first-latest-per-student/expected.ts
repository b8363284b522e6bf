// The latest assessment per student, beside a count: the findMany keeps findFirst's orderBy,
// and the Map, built from the rows in reverse, keeps each student's first row in that order.
export async function latestPerStudent(studentIds: number[]) {
  const assessmentRows = await inChunks(studentIds, 30000, (chunk) => prisma.assessment.findMany({
    where: { student_id: { in: chunk }, subject: 'khmer' },
    orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
    select: { student_id: true, level: true, assessed_date: true },
  }));
  const assessmentByStudentId = new Map([...assessmentRows].reverse().map((row) => [row.student_id, row] as const));
  const assessmentRowCopy = (row: (typeof assessmentRows)[number] | undefined) => (row === undefined ? null : ({ student_id: row.student_id, level: row.level, assessed_date: new Date(row.assessed_date) }));
  const assessmentStudentIdGroups = await inChunks(studentIds, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk }, subject: 'khmer' },
    _count: { _all: true },
  }));
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return studentIds.map((studentId) => {
    const latest = assessmentRowCopy(assessmentByStudentId.get(studentId));
    const taken = assessmentCountsByStudentId.get(studentId) ?? 0;
    return { studentId, level: latest?.level ?? null, taken };
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
