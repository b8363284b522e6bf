export async function GET() {
  const countsBatch1 = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
  ]);
  const countsBatch2 = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  const counts = [...countsBatch1, ...countsBatch2];
  return Response.json({ counts });
}
