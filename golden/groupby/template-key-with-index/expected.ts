export async function gradeCounts(grades: number[]) {
  const subjectKeys = grades.map((grade, position) => `grade-${grade}`);
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjectKeys }, is_temporary: false },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  return grades.map((grade, position) => assessmentCountsBySubject.get(subjectKeys[position]) ?? 0);
}
