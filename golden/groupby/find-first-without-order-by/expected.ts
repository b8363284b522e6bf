// A findFirst per student without an orderBy: the database may return any matching row, and
// the findMany's first row per student is one of them (the finding says so).
export async function anyAssessment(students: { id: number }[]) {
  const assessmentRows = await inChunks(students.map((student) => student.id), 30000, (chunk) => prisma.assessment.findMany({
    where: { student_id: { in: chunk } },
  }));
  const assessmentByStudentId = new Map([...assessmentRows].reverse().map((row) => [row.student_id, row] as const));
  const assessmentRowCopy = (row: (typeof assessmentRows)[number] | undefined) => (row === undefined ? null : ({ ...row, assessed_date: new Date(row.assessed_date) }));
  return students.map((student) => assessmentRowCopy(assessmentByStudentId.get(student.id)));
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
