export async function countSubjects(subjects: string[]) {
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjects.map((subject) => subject.toLowerCase()) } },
    _count: { _all: true },
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = subjects.map((subject) => {
    return assessmentCountsBySubject.get(subject.toLowerCase()) ?? 0;
  });
  return counts;
}
