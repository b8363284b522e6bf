,
export async function GET() {
  const students = await prisma.student.findMany({ include: { assessments: true } });
  return Response.json(students);
}
