export async function GET() {
  const [students, assessments, schools, ...others] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
  ]);
  return Response.json({ students, assessments, schools, others });
}
