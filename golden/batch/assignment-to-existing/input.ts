// The counts go to variables that exist before the try. If a query fails, the original
// assigns none of them and the response shows the zeros: the batches' results are assigned
// together, after the last batch, so a failure in the second batch still leaves all five at 0.
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
