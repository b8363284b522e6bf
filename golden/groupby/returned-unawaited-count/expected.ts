export async function perSubject(subjects: string[]) {
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjects } },
    _count: { _all: true },
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  return subjects.map((subject) => {
    return assessmentCountsBySubject.get(subject) ?? 0;
  });
}
