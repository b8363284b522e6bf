export async function GET() {
  const students = await prisma.student.findMany({ where: { is_active: true } });
  const total = students.map((student) => student.id).reduce((sum) => sum + 1, 0);
  return Response.json({ total });
}
