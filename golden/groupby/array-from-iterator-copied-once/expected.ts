// `subjects` is a generator: Array.from runs through it once. The keys and the lookups each
// need every subject, so it is copied into an array first.
function* subjects(list: string) {
  for (const subject of list.split(',')) yield subject.trim();
}

export async function subjectCounts(list: string) {
  const names = subjects(list);
  const subjectValues = Array.from(names);
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: Array.from(subjectValues, (subject: string) => subject) } },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = Array.from(subjectValues, (subject: string) => assessmentCountsBySubject.get(subject) ?? 0);
  return counts;
}
