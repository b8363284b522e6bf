export async function counts(students: { id: number }[]) {
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: students.map(({ id }) => id) } },
    _count: { _all: true }
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return students.map(({ id }) => assessmentCountsByStudentId.get(id) ?? 0);
}
