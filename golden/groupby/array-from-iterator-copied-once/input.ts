// `subjects` is a generator: Array.from runs through it once. The keys and the lookups each
// need every subject, so it is copied into an array first.
function* subjects(list: string) {
  for (const subject of list.split(',')) yield subject.trim();
}

export async function subjectCounts(list: string) {
  const names = subjects(list);
  const counts = await Promise.all(Array.from(names, (subject: string) => prisma.assessment.count({ where: { subject } })));
  return counts;
}
