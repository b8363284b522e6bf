export async function spaced(today: Date) {
  const out: number[] = [];
  const assessmentWindow = (i: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    return { start, end };
  };
  const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
  for (let i = 0; i < 2; i++) assessmentWindows.push(assessmentWindow(i));
  const assessmentRows = (await prisma.$queryRaw`
    SELECT COUNT(t."assessment_date")::int AS count
    FROM unnest(${assessmentWindows.map((bounds) => bounds.start.toISOString())}::timestamp[], ${assessmentWindows.map((bounds) => bounds.end.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
    LEFT JOIN "assessments" t ON t."assessment_date" >= w.lo AND t."assessment_date" < w.hi AND t."subject_code" = ${'Khmer  Lit, }'}
    GROUP BY w.idx ORDER BY w.idx`) as { count: number }[];
  let assessmentNextWindow = 0;
  for (let i = 0; i < 2; i++) {
    const { start, end } = assessmentWindow(i);
    const assessmentWindowIndex = assessmentNextWindow++;
    const n = assessmentRows[assessmentWindowIndex].count;
    out.push(n);
  }
  return out;
}
