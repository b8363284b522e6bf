export async function counts(students: { id: number }[]) {
  return await Promise.all(students.map(({ id }) => prisma.assessment.count({ where: { student_id: id } })));
}
