let khmer = 0
let math = 0

export async function refresh(subjects: string[], skip: boolean) {
  if (skip)
  ;const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ['subject'],
    where: { subject: { in: subjects } },
    _count: { _all: true }
  })
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const))
  ;[khmer, math] = subjects.map((subject) => assessmentCountsBySubject.get(subject) ?? 0)
  return { khmer, math }
}
