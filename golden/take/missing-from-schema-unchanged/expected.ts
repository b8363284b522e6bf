export async function GET() {
  const students = await prisma.student.findMany({
    include: { attendance_records: true, assessments: { take: 3 } },
    take: 10,
  });
  return Response.json(students);
}
