// SQLite: the windows are listed in the SQL as milliseconds, and the column is read as
// milliseconds whether Prisma stored it as an integer or as ISO text.
export async function weeklyMath(today: Date) {
  const weeks: number[] = [];
  const assessmentWindow = (w: number) => {
    const from = new Date(today.getTime() - (w + 1) * 7 * 86400000);
    const to = new Date(today.getTime() - w * 7 * 86400000);
    return { from, to };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let w = 0; w < 3; w++) assessmentWindows.push(assessmentWindow(w));
  const assessmentWindowBounds = assessmentWindows.map((bounds) => [bounds.from.getTime(), bounds.to.getTime()]);
  const assessmentRows = (await prisma.$queryRaw`
    SELECT COUNT(t."assessment_date") AS count
    FROM (
      SELECT 0 AS idx, ${assessmentWindowBounds[0][0]} AS lo, ${assessmentWindowBounds[0][1]} AS hi
      UNION ALL SELECT 1, ${assessmentWindowBounds[1][0]}, ${assessmentWindowBounds[1][1]}
      UNION ALL SELECT 2, ${assessmentWindowBounds[2][0]}, ${assessmentWindowBounds[2][1]}
    ) AS w
    LEFT JOIN "assessments" t ON (CASE typeof(t."assessment_date") WHEN 'text' THEN CAST(ROUND((julianday(t."assessment_date") - 2440587.5) * 86400000) AS INTEGER) ELSE t."assessment_date" END) > w.lo AND (CASE typeof(t."assessment_date") WHEN 'text' THEN CAST(ROUND((julianday(t."assessment_date") - 2440587.5) * 86400000) AS INTEGER) ELSE t."assessment_date" END) <= w.hi AND t."subject_code" = ${'math'}
    GROUP BY w.idx ORDER BY w.idx`) as { count: number | bigint }[];
  let assessmentNextWindow = 0;
  for (let w = 0; w < 3; w++) {
    const { from, to } = assessmentWindow(w);
    const assessmentWindowIndex = assessmentNextWindow++;
    weeks.push(Number(assessmentRows[assessmentWindowIndex].count));
  }
  return weeks;
}
