export async function GET() {
  const [totalStudents, totalAssessments, totalSchools, totalMentoringVisits, totalUsers, totalClasses] = await Promise.all([
    prisma.student.count().catch(() => 0),
    prisma.assessment.count().catch(() => 0),
    prisma.pilotSchool.count().catch(() => 0),
    prisma.mentoringVisit.count().catch(() => 0),
    prisma.user.count().catch(() => 0),
    prisma.schoolClass.count().catch(() => 0)
  ]);
  return Response.json({ totalStudents, totalAssessments, totalSchools, totalMentoringVisits, totalUsers, totalClasses });
}
