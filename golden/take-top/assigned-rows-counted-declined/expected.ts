export async function GET() {
  let students;
  students = await prisma.student.findMany({ where: { is_active: true } });
  return Response.json({ total: students.length });
}
