export async function GET() {
  const total = (await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ])).reduce((sum, n) => sum + n, 0);
  return Response.json({ total });
}
