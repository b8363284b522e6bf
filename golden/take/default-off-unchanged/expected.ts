export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: true },
    orderBy: { id: 'asc' },
  });
  return Response.json(students);
}
