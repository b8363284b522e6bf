export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: { take: 10, orderBy: { id: 'desc' } } },
    orderBy: { id: 'asc' },
  });
  return Response.json(students);
}
