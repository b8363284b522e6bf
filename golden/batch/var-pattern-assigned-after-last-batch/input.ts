// Names declared with `var` live in the whole function: when a query fails, the catch clause
// still sees them. The original leaves all five undefined then, so they are assigned together,
// after the last batch, with their tuple type.
export async function GET() {
  try {
    var [students, teachers, schools, visits, classes]: [number, number, number, number, number] = await Promise.all([
      prisma.student.count(),
      prisma.user.count({ where: { role: 'teacher' } }),
      prisma.pilotSchool.count(),
      prisma.mentoringVisit.count(),
      prisma.schoolClass.count(),
    ]);
  } catch {
    return Response.json({ partial: [students, teachers, schools, visits, classes] });
  }
  return Response.json({ students, teachers, schools, visits, classes });
}
