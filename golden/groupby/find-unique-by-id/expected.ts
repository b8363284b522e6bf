// A findUnique per id becomes one findMany with `in` and a Map by id; a missing id is null.
export async function studentsWithVisits(ids: number[]) {
  const studentRows = await prisma.student.findMany({
    where: { id: { in: ids } },
    include: { visits: true },
  });
  const studentById = new Map(studentRows.map((row) => [row.id, row] as const));
  const students = ids.map((id) => {
    const student = studentById.get(id) ?? null;
    return student;
  });
  return students;
}
