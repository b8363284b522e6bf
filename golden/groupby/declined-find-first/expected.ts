export async function latest(students: { id: number }[]) {
  return await Promise.all(
    students.map((student) => prisma.assessment.findFirst({ where: { student_id: student.id } })),
  );
}
