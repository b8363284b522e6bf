export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: { take: 5, orderBy: { assessed_date: 'desc' } } },
    take: 10,
  });
  return Response.json(students);
}
