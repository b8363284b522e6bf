// The latest assessment per student, beside a count: the findMany keeps findFirst's orderBy,
// and the Map, built from the rows in reverse, keeps each student's first row in that order.
export async function latestPerStudent(studentIds: number[]) {
  const assessmentRows = await prisma.assessment.findMany({
    where: { student_id: { in: studentIds }, subject: 'khmer' },
    orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
    select: { student_id: true, level: true, assessed_date: true },
  });
  const assessmentByStudentId = new Map([...assessmentRows].reverse().map((row) => [row.student_id, row] as const));
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: studentIds }, subject: 'khmer' },
    _count: { _all: true },
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group._count._all] as const));
  return studentIds.map((studentId) => {
    const latest = assessmentByStudentId.get(studentId) ?? null;
    const taken = assessmentCountsByStudentId.get(studentId) ?? 0;
    return { studentId, level: latest?.level ?? null, taken };
  });
}
