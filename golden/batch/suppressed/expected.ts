export async function GET() {
  // poolfix-ignore-next-line parallel-fanout -- this endpoint runs on a dedicated pool
  const [students, assessments, schools, users, visits] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ students, assessments, schools, users, visits });
}
