export async function GET() {
  const students = await prisma.student.findMany({ where: { school_id: 1 }, take: 50, orderBy: { id: 'asc' } });
  const enriched = await Promise.all(
    students.map(async (student) => {
      const assessmentCount = await prisma.assessment.count({ where: { student_id: student.id } });
      const temporaryCount = await prisma.assessment.count({ where: { student_id: student.id, is_temporary: true } });
      const verifiedVisits = await prisma.visit.count({ where: { verified: true, student_id: student.id } });
      return { ...student, assessmentCount, temporaryCount, verifiedVisits };
    }),
  );
  return Response.json(enriched);
}
