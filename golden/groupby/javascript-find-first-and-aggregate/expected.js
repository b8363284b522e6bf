// JavaScript: no types in the copy functions.
export async function cards(students) {
  const assessmentRows = await prisma.assessment.findMany({
    where: { student_id: { in: students.map((student) => student.id) } },
    orderBy: { assessed_date: 'desc' },
  });
  const assessmentByStudentId = new Map([...assessmentRows].reverse().map((row) => [row.student_id, row]));
  const assessmentRowCopy = (row) => (row === undefined ? null : ({ ...row, assessed_date: new Date(row.assessed_date) }));
  const assessmentStudentIdGroups = await prisma.assessment.groupBy({
    by: ['student_id'],
    where: { student_id: { in: students.map((student) => student.id) } },
    _min: { assessed_date: true },
  });
  const assessmentAggregatesByStudentId = new Map(assessmentStudentIdGroups.map((group) => [group.student_id, group]));
  const assessmentAggregateOf = (group) => (group === undefined ? { _min: { assessed_date: null } } : { _min: { ...group._min, assessed_date: group._min.assessed_date && new Date(group._min.assessed_date) } });
  return students.map((student) => {
    const latest = assessmentRowCopy(assessmentByStudentId.get(student.id));
    const dates = assessmentAggregateOf(assessmentAggregatesByStudentId.get(student.id));
    return { name: student.name, latest, first: dates._min.assessed_date };
  });
}
