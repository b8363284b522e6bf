import type { Cycle } from './generated/prisma/enums';

export async function perCycle(cycles: string[]) {
  return await Promise.all(
    cycles.map((cycle) => prisma.assessment.count({ where: { assessment_type: cycle as Cycle } })),
  );
}
