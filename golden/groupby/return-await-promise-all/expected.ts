export async function countsFor(studentIds: number[]) {
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: studentIds } },
    _count: { _all: true }
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return studentIds.map((id) => assessmentCountsByStudentId.get(id) ?? 0);
}
