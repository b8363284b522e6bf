import type { Cycle } from './generated/prisma/enums';

export async function perCycle(cycles: string[]) {
  const assessmentAssessmentTypeGroups = await prisma.assessment.groupBy({
    by: ['assessment_type'],
    where: { assessment_type: { in: cycles.map((cycle) => cycle as Cycle) } },
    _count: { _all: true },
  });
  const assessmentCountsByAssessmentType = new Map(assessmentAssessmentTypeGroups.map((group) => [group.assessment_type, group._count._all] as const));
  return cycles.map((cycle) => assessmentCountsByAssessmentType.get(cycle as Cycle) ?? 0);
}
