// A findUnique per id becomes one findMany with `in` and a Map by id; a missing id is null.
export async function studentsWithVisits(ids: number[]) {
  const studentRows = await inChunks(ids, 30000, (chunk) => prisma.student.findMany({
    where: { id: { in: chunk } },
    include: { visits: true },
  }));
  const studentById = new Map(studentRows.map((row) => [row.id, row] as const));
  const studentRowCopy = (row: (typeof studentRows)[number] | undefined) => (row === undefined ? null : ({ ...row, visits: row.visits.map((nested0) => ({ ...nested0 })) }));
  const students = ids.map((id) => {
    const student = studentRowCopy(studentById.get(id));
    return student;
  });
  return students;
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
