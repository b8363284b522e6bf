// Three subjects: one `in` list holds them, so the groupBy runs once, as written.
export async function subjectCounts() {
  const subjects = ['khmer', 'math', 'science'];
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjects } },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = subjects.map((subject) => assessmentCountsBySubject.get(subject) ?? 0);
  return counts;
}
