// A findFirst per student without an orderBy: the database may return any matching row, and
// the findMany's first row per student is one of them (the finding says so).
export async function anyAssessment(students: { id: number }[]) {
  const assessmentRows = await prisma.assessment.findMany({
    where: { student_id: { in: students.map((student) => student.id) } },
  });
  const assessmentByStudentId = new Map([...assessmentRows].reverse().map((row) => [row.student_id, row] as const));
  const assessmentRowCopy = (row: (typeof assessmentRows)[number] | undefined) => (row === undefined ? null : ({ ...row, assessed_date: new Date(row.assessed_date) }));
  return students.map((student) => assessmentRowCopy(assessmentByStudentId.get(student.id)));
}
