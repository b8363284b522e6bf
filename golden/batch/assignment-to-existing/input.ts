export async function GET() {
  let students = 0, assessments = 0, schools = 0, users = 0, visits = 0;
  try {
    [students, assessments, schools, users, visits] = await Promise.all([
      prisma.student.count(),
      prisma.assessment.count(),
      prisma.pilotSchool.count(),
      prisma.user.count(),
      prisma.mentoringVisit.count(),
    ]);
  } catch (error) {
    console.error(error);
  }
  return Response.json({ students, assessments, schools, users, visits });
}
