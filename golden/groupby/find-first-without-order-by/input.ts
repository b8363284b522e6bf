// A findFirst per student without an orderBy: the database may return any matching row, and
// the findMany's first row per student is one of them (the finding says so).
export async function anyAssessment(students: { id: number }[]) {
  return await Promise.all(
    students.map((student) => prisma.assessment.findFirst({ where: { student_id: student.id } })),
  );
}
