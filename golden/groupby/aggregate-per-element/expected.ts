// One aggregate per student: sums, averages and extremes of no rows are null, a count 0.
export async function scoreSheet(studentIds: number[]) {
  const assessmentStudentIdGroups = await inChunks(studentIds, 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: chunk }, subject: 'math' },
    _avg: { score: true },
    _sum: { score: true },
    _min: { assessed_date: true },
    _max: { assessed_date: true },
    _count: { _all: true },
  }));
  const assessmentAggregatesByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group] as const));
  const assessmentAggregateOf = (group: (typeof assessmentStudentIdGroups)[number] | undefined) => (group === undefined ? { _avg: { score: null }, _sum: { score: null }, _min: { assessed_date: null }, _max: { assessed_date: null }, _count: 0 } : { _avg: { ...group._avg }, _sum: { ...group._sum }, _min: { ...group._min, assessed_date: group._min.assessed_date && new Date(group._min.assessed_date) }, _max: { ...group._max, assessed_date: group._max.assessed_date && new Date(group._max.assessed_date) }, _count: group._count._all });
  return studentIds.map((id) => {
    const stats = assessmentAggregateOf(assessmentAggregatesByStudentId.get(id));
    return { id, average: stats._avg.score, total: stats._sum.score, first: stats._min.assessed_date, last: stats._max.assessed_date, taken: stats._count };
  });
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
