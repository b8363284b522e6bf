export async function countsFor(studentIds: number[]) {
  return await Promise.all(studentIds.map((id) => prisma.assessment.count({ where: { student_id: id } })));
}
foo(a,
