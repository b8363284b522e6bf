export async function GET() {
  const students = await prisma.student.findMany({ where: { is_active: true } });
  return Response.json({ students, total: students.length });
}
