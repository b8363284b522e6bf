// The students come from a query: `student.id` is a required field, so no key is undefined.
export async function visitCounts(schoolId: number) {
  const students = await prisma.student.findMany({ where: { school_id: schoolId }, select: { id: true, name: true } });
  const counts = await Promise.all(students.map((student) => prisma.visit.count({ where: { student_id: student.id } })));
  return students.map((student, i) => ({ name: student.name, visits: counts[i] }));
}
