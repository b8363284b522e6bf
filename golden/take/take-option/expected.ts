export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: { take: 25, orderBy: { id: 'desc' } } },
    take: 10,
  });
  return Response.json(students);
}
