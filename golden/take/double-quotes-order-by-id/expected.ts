export async function GET() {
  const students = await prisma.student.findMany({ include: { assessments: { take: 10, orderBy: { id: "desc" } } }, where: { name: "Ana" } });
  return Response.json(students);
}
