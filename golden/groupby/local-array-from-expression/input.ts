// The array is a local computed from other data, not a literal nor a parameter: the keys are
// copied for `in` (the rewrite cannot tell it is a mutable array).
export async function countsPerSubject(rows: { subject: string }[]) {
  const subjects: string[] = rows.map((row) => row.subject.trim());
  const counts = await Promise.all(subjects.map((subject) => prisma.assessment.count({ where: { subject } })));
  return counts;
}
