export async function GET() {
  const resultsBatch1 = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
  ]);
  const resultsBatch2 = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]);
  const results: [...typeof resultsBatch1, ...typeof resultsBatch2] = [...resultsBatch1, ...resultsBatch2];
  const [students, assessments, schools, users, visits, classes] = results;
  return Response.json({ students, assessments, schools, users, visits, classes, all: results });
}
