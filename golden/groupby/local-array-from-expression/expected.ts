// The array is a local computed from other data, not a literal nor a parameter: the keys are
// copied for `in` (the rewrite cannot tell it is a mutable array).
export async function countsPerSubject(rows: { subject: string }[]) {
  const subjects: string[] = rows.map((row) => row.subject.trim());
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: [...subjects] } },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = subjects.map((subject) => assessmentCountsBySubject.get(subject) ?? 0);
  return counts;
}
