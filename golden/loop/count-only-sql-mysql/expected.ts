export async function monthly(today: Date) {
  const out = [];
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 0; i < 2; i++) assessmentWindows.push(assessmentWindow(i));
  const assessmentWindowBounds = assessmentWindows.map((bounds) => [bounds.start.toISOString().slice(0, 23).replace('T', ' '), bounds.end.toISOString().slice(0, 23).replace('T', ' ')]);
  const assessmentRows = (await prisma.$queryRaw`
    SELECT COUNT(t.\`assessment_date\`) AS count
    FROM (
      SELECT 0 AS idx, CAST(${assessmentWindowBounds[0][0]} AS DATETIME(3)) AS lo, CAST(${assessmentWindowBounds[0][1]} AS DATETIME(3)) AS hi
      UNION ALL SELECT 1, CAST(${assessmentWindowBounds[1][0]} AS DATETIME(3)), CAST(${assessmentWindowBounds[1][1]} AS DATETIME(3))
    ) AS w
    LEFT JOIN \`assessments\` t ON t.\`assessment_date\` >= w.lo AND t.\`assessment_date\` < w.hi
    GROUP BY w.idx ORDER BY w.idx`) as { count: number | bigint }[];
  let assessmentNextWindow = 0;
  for (let i = 0; i < 2; i++) {
    const { start, end } = assessmentWindow(i);
    const assessmentWindowIndex = assessmentNextWindow++;
    const n = Number(assessmentRows[assessmentWindowIndex].count);
    out.push(n);
  }
  return out;
}
