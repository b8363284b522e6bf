// Assessments of the first six students: the fan-out's elements are its indexes.
export async function firstStudents() {
  const studentIdKeys = Array.from({ length: 6 }, (_, i) => i + 1);
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: studentIdKeys } },
    _count: { _all: true }
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const counts = Array.from({ length: 6 }, (_, i) => assessmentCountsByStudentId.get(studentIdKeys[i]) ?? 0);
  return counts;
}
