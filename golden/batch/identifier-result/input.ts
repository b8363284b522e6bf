export async function GET() {
  const results = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]);
  const [students, assessments, schools, users, visits, classes] = results;
  return Response.json({ students, assessments, schools, users, visits, classes, all: results });
}
