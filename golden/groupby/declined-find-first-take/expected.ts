export async function secondVisit(studentIds: number[]) {
  return await Promise.all(
    studentIds.map((studentId) => prisma.visit.findFirst({ where: { student_id: studentId }, orderBy: { id: 'asc' }, skip: 1 })),
  );
}
