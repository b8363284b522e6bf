export async function GET() {
  const students = await prisma.student.findMany(/* every student */);
  const schools = await prisma.pilotSchool.findMany(
    // every school
  );
  return Response.json({ students, schools });
}
