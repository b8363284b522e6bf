export async function monthlyCounts(today) {
  const counts = [];
  for (let i = 3; i > 0; i--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1))
    const n = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } })
    counts.push(n)
  }
  return counts
}
