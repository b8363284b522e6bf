// The subjects come from a generator, which can be read only once: it is copied into an array
// before the keys and the lookups both read it.
function* subjectsOf(plan: { subjects: string[] }) {
  for (const subject of plan.subjects) yield subject;
}

export async function perSubject(plan: { subjects: string[] }) {
  const subjects = subjectsOf(plan);
  const totals = await Promise.all(Array.from(subjects, (subject) => prisma.assessment.count({ where: { subject } })));
  return totals;
}
