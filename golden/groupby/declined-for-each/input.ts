export async function touch(students: { id: number }[]) {
  students.forEach(async (student) => {
    await prisma.visit.count({ where: { student_id: student.id } });
  });
}
