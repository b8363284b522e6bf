export async function monthlyCounts(today: Date, subject: string, cycle: Cycle) {
  const counts: number[] = [];
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 2; i >= 0; i--) assessmentWindows.push(assessmentWindow(i));
  const assessmentRows = (await prisma.$queryRaw`
    SELECT COUNT(t."assessment_date")::int AS count
    FROM unnest(${assessmentWindows.map((bounds) => bounds.start.toISOString())}::timestamp[], ${assessmentWindows.map((bounds) => bounds.end.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
    LEFT JOIN "assessments" t ON t."assessment_date" >= w.lo AND t."assessment_date" <= w.hi AND t."subject_code" = ${subject} AND t."assessment_type"::text = ${cycle} AND t."is_temporary" = ${false} AND t."level" IS NULL
    GROUP BY w.idx ORDER BY w.idx`) as { count: number }[];
  let assessmentNextWindow = 0;
  for (let i = 2; i >= 0; i--) {
    const { start, end } = assessmentWindow(i);
    const assessmentWindowIndex = assessmentNextWindow++;
    const khmer = assessmentRows[assessmentWindowIndex].count;
    counts.push(khmer);
  }
  return counts;
}
