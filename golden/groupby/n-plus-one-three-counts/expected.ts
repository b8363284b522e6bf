export async function GET() {
  const students = await prisma.student.findMany({ where: { school_id: 1 }, take: 50, orderBy: { id: 'asc' } });
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: students.map((student) => student.id) } },
    _count: { _all: true },
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const assessmentStudentIdGroups_2 = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: students.map((student) => student.id) }, is_temporary: true },
    _count: { _all: true },
  });
  const assessmentCountsByStudentId_2 = new Map(assessmentStudentIdGroups_2.map((group) => [group.student_id, group._count._all] as const));
  const visitStudentIdGroups = await prisma.visit.groupBy({
    by: ['student_id'],
    where: { verified: true, student_id: { in: students.map((student) => student.id) } },
    _count: { _all: true },
  });
  const visitCountsByStudentId = new Map(visitStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  const enriched = students.map((student) => {
    const assessmentCount = assessmentCountsByStudentId.get(student.id) ?? 0;
    const temporaryCount = assessmentCountsByStudentId_2.get(student.id) ?? 0;
    const verifiedVisits = visitCountsByStudentId.get(student.id) ?? 0;
    return { ...student, assessmentCount, temporaryCount, verifiedVisits };
  });
  return Response.json(enriched);
}
