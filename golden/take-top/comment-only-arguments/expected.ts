export async function GET() {
  const students = await prisma.student.findMany(/* every student */ { take: 10 });
  const schools = await prisma.pilotSchool.findMany(
    // every school
    { take: 10 }
  );
  return Response.json({ students, schools });
}
