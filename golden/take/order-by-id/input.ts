export async function GET() {
  const students = await prisma.student.findMany({
    include: {
      assessments: { select: { level: true } },
      pilot_school: true,
    },
    take: 10,
  });
  const schools = await prisma.pilotSchool.findMany({ include: { students: true }, take: 3 });
  return Response.json({ students, schools });
}
