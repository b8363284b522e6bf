export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: { take: 3, orderBy: { id: 'desc' } } },
    take: 10,
  });
  const classes = await prisma.schoolClass.findMany({ include: { students: { take: 7, orderBy: { id: 'desc' } } } });
  return Response.json({ students, classes });
}
