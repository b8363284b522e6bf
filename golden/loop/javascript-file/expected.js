export async function monthlyCounts(today) {
  const counts = [];
  const assessmentWindow = (i) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1))
    return { start, end }
  }
  const assessmentWindows = []
  for (let i = 3; i > 0; i--) assessmentWindows.push(assessmentWindow(i))
  const assessmentRows = await prisma.$queryRaw`
    SELECT COUNT(t."assessment_date")::int AS count
    FROM unnest(${assessmentWindows.map((bounds) => bounds.start.toISOString())}::timestamp[], ${assessmentWindows.map((bounds) => bounds.end.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
    LEFT JOIN "assessments" t ON t."assessment_date" >= w.lo AND t."assessment_date" < w.hi
    GROUP BY w.idx ORDER BY w.idx`
  let assessmentNextWindow = 0
  for (let i = 3; i > 0; i--) {
    const { start, end } = assessmentWindow(i)
    const assessmentWindowIndex = assessmentNextWindow++
    const n = assessmentRows[assessmentWindowIndex].count
    counts.push(n)
  }
  return counts
}
