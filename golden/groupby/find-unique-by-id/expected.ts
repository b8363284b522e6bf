// A findUnique per id becomes one findMany with `in` and a Map by id; a missing id is null.
export async function studentsWithVisits(ids: number[]) {
  const studentRows = await prisma.student.findMany({
    where: { id: { in: ids } },
    include: { visits: true },
  });
  const studentById = new Map(studentRows.map((row) => [row.id, row] as const));
  const studentRowCopy = (row: (typeof studentRows)[number] | undefined) => (row === undefined ? null : ({ ...row, visits: row.visits.map((nested0) => ({ ...nested0 })) }));
  const students = ids.map((id) => {
    const student = studentRowCopy(studentById.get(id));
    return student;
  });
  return students;
}
