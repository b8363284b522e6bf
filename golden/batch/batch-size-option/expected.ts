export async function GET() {
  const [students, assessments] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
  ]);
  const [schools, users] = await Promise.all([
    prisma.pilotSchool.count(),
    prisma.user.count(),
  ]);
  const [visits] = await Promise.all([
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ students, assessments, schools, users, visits });
}
