export async function GET() {
  const students = await prisma.student.findMany({
    select: {
      name: true,
      pilot_school: { include: { classes: { take: 10, orderBy: { id: 'desc' } } } },
      assessments: { include: { added_by: true }, take: 10, orderBy: { id: 'desc' } },
    },
    take: 10,
  });
  return Response.json(students);
}
