export async function GET() {
  const students = await prisma.student.findMany({
    include: {
      assessments: { select: { level: true }, take: 10, orderBy: { id: 'desc' } },
      pilot_school: true,
    },
    take: 10,
  });
  const schools = await prisma.pilotSchool.findMany({ include: { students: { take: 10, orderBy: { id: 'desc' } } }, take: 3 });
  return Response.json({ students, schools });
}
