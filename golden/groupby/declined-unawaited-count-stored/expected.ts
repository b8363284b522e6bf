export async function pending(subjects: string[]) {
  // `pending` is the query's promise, not its count: a lookup would turn it into a number
  return await Promise.all(
    subjects.map(async (subject) => {
      const pending = prisma.assessment.count({ where: { subject } });
      return { subject, pending };
    }),
  );
}
