const CYCLES = ['baseline', 'midline', 'endline'] as const;

export async function cycleCounts(subject: string) {
  const assessmentAssessmentTypeGroups = await prisma.assessment.groupBy({
    by: ['assessment_type'],
    where: { assessment_type: { in: [...CYCLES] }, subject },
    _count: { _all: true }
  });
  const assessmentCountsByAssessmentType = new Map(assessmentAssessmentTypeGroups.map((group) => [group.assessment_type, group._count._all] as const));
  const counts = CYCLES.map((cycle) => assessmentCountsByAssessmentType.get(cycle) ?? 0);
  return counts;
}
