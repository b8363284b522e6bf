export async function GET() {
  const [a, b, c, d, e] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ a, b, c, d, e });
}
