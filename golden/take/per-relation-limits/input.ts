export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: true },
    take: 10,
  });
  const classes = await prisma.schoolClass.findMany({ include: { students: true } });
  return Response.json({ students, classes });
}
