export async function GET() {
  const students = await prisma.student.findMany({ include: { assessments: true }, where: { name: "Ana" } });
  return Response.json(students);
}
