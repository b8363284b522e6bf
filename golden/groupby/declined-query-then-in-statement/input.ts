export async function labelled(subjects: string[]) {
  return await Promise.all(
    subjects.map(async (subject) => {
      const label = subject.toUpperCase();
      return prisma.assessment.count({ where: { subject } }).then((count) => `${label}: ${count}`);
    }),
  );
}
