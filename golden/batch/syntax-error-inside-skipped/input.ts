export async function GET() {
  const [a, b, c, d, e] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count({ where: { id: } }),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ a, b, c, d, e });
}
