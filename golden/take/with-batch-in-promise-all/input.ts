export async function GET() {
  const [students, classes, schools, users, visits] = await Promise.all([
    prisma.student.findMany({ include: { assessments: true }, take: 10 }),
    prisma.schoolClass.findMany({ include: { students: { select: { id: true } } }, take: 10 }),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.assessment.count(),
  ]);
  return Response.json({ students, classes, schools, users, visits });
}
