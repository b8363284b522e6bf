// The subjects come from a generator, which can be read only once: it is copied into an array
// before the keys and the lookups both read it.
function* subjectsOf(plan: { subjects: string[] }) {
  for (const subject of plan.subjects) yield subject;
}

export async function perSubject(plan: { subjects: string[] }) {
  const subjects = subjectsOf(plan);
  const subjectValues = Array.from(subjects);
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: Array.from(subjectValues, (subject) => subject) } },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const totals = Array.from(subjectValues, (subject) => assessmentCountsBySubject.get(subject) ?? 0);
  return totals;
}
