export async function GET() {
  const counts = await prisma.$transaction(async (tx) => {
    const [a, b, c, d, e] = await Promise.all([
      tx.student.count(),
      tx.assessment.count(),
      tx.pilotSchool.count(),
      tx.user.count(),
      tx.mentoringVisit.count(),
    ]);
    return { a, b, c, d, e };
  });
  return Response.json(counts);
}
