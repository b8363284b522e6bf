// The students come from a query: `student.id` is a required field, so no key is undefined.
export async function visitCounts(schoolId: number) {
  const students = await prisma.student.findMany({ where: { school_id: schoolId }, select: { id: true, name: true } });
  const visitStudentIdGroups = await prisma.visit.groupBy({
    by: ['student_id'],
    where: { student_id: { in: students.map((student) => student.id) } },
    _count: { _all: true }
  });
  const visitCountsByStudentId = new Map(visitStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const counts = students.map((student) => visitCountsByStudentId.get(student.id) ?? 0);
  return students.map((student, i) => ({ name: student.name, visits: counts[i] }));
}
