export async function GET() {
  let a, b, c, d, e
  ;[a, b, c] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
  ])
  ;[d, e] = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ])
  return Response.json({ a, b, c, d, e })
}
