export async function monthlyCounts(today) {
  const counts = [];
  const assessmentWindow = (i) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1))
    return { start, end }
  }
  const assessmentWindows = []
  for (let i = 3; i > 0; i--) assessmentWindows.push(assessmentWindow(i))
  const assessmentRows = await prisma.assessment.findMany({
    where: {
      assessed_date: {
        gte: new Date(Math.min(...assessmentWindows.map((bounds) => bounds.start.getTime()))),
        lte: new Date(Math.max(...assessmentWindows.map((bounds) => bounds.end.getTime()))),
      },
    },
    select: { assessed_date: true }
  })
  for (let i = 3; i > 0; i--) {
    const { start, end } = assessmentWindow(i)
    const n = assessmentRows.filter((row) => row.assessed_date >= start && row.assessed_date < end).length
    counts.push(n)
  }
  return counts
}
