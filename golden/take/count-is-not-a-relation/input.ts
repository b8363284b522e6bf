export async function GET() {
  const students = await prisma.student.findMany({
    select: { id: true, _count: { select: { assessments: true } } },
    take: 10,
  });
  return Response.json(students);
}
