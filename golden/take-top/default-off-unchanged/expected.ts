export async function GET() {
  const students = await prisma.student.findMany({ where: { name: { startsWith: 'A' } } });
  return Response.json(students);
}
