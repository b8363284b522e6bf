// Three counts per student that differ only in the test cycle: one groupBy by student and cycle.
export async function progressByStudent(students: { id: number; name: string }[]) {
  const assessmentStudentIdAssessmentTypeGroups = await inChunks(students.map((student) => student.id), 30000, (chunk) => prisma.assessment.groupBy({
    by: ['student_id', 'assessment_type'],
    where: { student_id: { in: chunk }, is_temporary: false, assessment_type: { in: ['baseline', 'midline', 'endline'] } },
    _count: { _all: true },
  }));
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

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
