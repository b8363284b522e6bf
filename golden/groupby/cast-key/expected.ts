import type { Cycle } from './generated/prisma/enums';

export async function perCycle(cycles: string[]) {
  const assessmentAssessmentTypeGroups = await inChunks(cycles.map((cycle) => cycle as Cycle), 30000, (chunk) => prisma.assessment.groupBy({
    by: ['assessment_type'],
    where: { assessment_type: { in: chunk } },
    _count: { _all: true },
  }));
  const assessmentCountsByAssessmentType = new Map(assessmentAssessmentTypeGroups.map((group) => [group.assessment_type, group._count._all] as const));
  return cycles.map((cycle) => assessmentCountsByAssessmentType.get(cycle as Cycle) ?? 0);
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
