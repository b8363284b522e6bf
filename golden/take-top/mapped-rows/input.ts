export async function GET() {
  const students = await prisma.student.findMany({ where: { is_active: true }, orderBy: { id: 'desc' } });
  return Response.json(students.map((student) => ({ id: student.id, name: student.name })));
}
