// Three counts per student that differ only in the test cycle: one groupBy by student and cycle.
export async function progressByStudent(students: { id: number; name: string }[]) {
  const assessmentStudentIdAssessmentTypeGroups = await prisma.assessment.groupBy({
    by: ['student_id', 'assessment_type'],
    where: { student_id: { in: students.map((student) => student.id) }, is_temporary: false, assessment_type: { in: ['baseline', 'midline', 'endline'] } },
    _count: { _all: true },
  });
  const assessmentCountsByStudentId = new Map(assessmentStudentIdAssessmentTypeGroups.filter((group) => group.assessment_type === 'baseline').map((group) => [group.student_id, group._count._all] as const));
  const assessmentCountsByStudentId_2 = new Map(assessmentStudentIdAssessmentTypeGroups.filter((group) => group.assessment_type === 'midline').map((group) => [group.student_id, group._count._all] as const));
  const assessmentCountsByStudentId_3 = new Map(assessmentStudentIdAssessmentTypeGroups.filter((group) => group.assessment_type === 'endline').map((group) => [group.student_id, group._count._all] as const));
  const progress = students.map((student) => {
    const atBaseline = assessmentCountsByStudentId.get(student.id) ?? 0;
    const atMidline = assessmentCountsByStudentId_2.get(student.id) ?? 0;
    const atEndline = assessmentCountsByStudentId_3.get(student.id) ?? 0;
    return { name: student.name, atBaseline, atMidline, atEndline };
  });
  return progress;
}
