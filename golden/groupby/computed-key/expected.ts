export async function countSubjects(subjects: string[]) {
  const subjectKeys = subjects.map((subject) => subject.toLowerCase());
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjectKeys } },
    _count: { _all: true },
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = subjects.map((subject, subjectIndex) => {
    return assessmentCountsBySubject.get(subjectKeys[subjectIndex]) ?? 0;
  });
  return counts;
}
