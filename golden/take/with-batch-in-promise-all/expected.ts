export async function GET() {
  const [students, classes, schools] = await Promise.all([
    prisma.student.findMany({ include: { assessments: { take: 10, orderBy: { id: 'desc' } } }, take: 10 }),
    prisma.schoolClass.findMany({ include: { students: { select: { id: true }, take: 10, orderBy: { id: 'desc' } } }, take: 10 }),
    prisma.pilotSchool.count(),
  ]);
  const [users, visits] = await Promise.all([
    prisma.user.count(),
    prisma.assessment.count(),
  ]);
  return Response.json({ students, classes, schools, users, visits });
}
