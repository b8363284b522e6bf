export async function GET() {
  const students = await prisma.student.findMany({
    include: { assessments: true },
    take: 10,
  });
  return Response.json(students);
}
