export async function latestByName(studentIds: number[]) {
  return await Promise.all(
    studentIds.map((studentId) =>
      prisma.assessment.findFirst({ where: { student_id: studentId }, orderBy: { student: { name: 'asc' } } }),
    ),
  );
}
