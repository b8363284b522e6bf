export async function GET() {
  let a, b, c, d, e
  const resultsBatch1 = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
  ])
  const resultsBatch2 = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ])
  ;[a, b, c, d, e] = [...resultsBatch1, ...resultsBatch2]
  return Response.json({ a, b, c, d, e })
}
