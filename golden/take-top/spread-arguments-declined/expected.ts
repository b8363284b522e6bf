const page = { take: 50, orderBy: { id: 'asc' as const } };

export async function GET() {
  const students = await prisma.student.findMany({ ...page, where: { is_active: true } });
  return Response.json(students);
}
