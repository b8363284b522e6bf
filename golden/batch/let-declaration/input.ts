export async function GET() {
  let [students, assessments, schools, users, visits] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  if (students < 0) students = 0;
  return Response.json({ students, assessments, schools, users, visits });
}
