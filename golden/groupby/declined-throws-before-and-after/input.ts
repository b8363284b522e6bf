export async function strictCounts(subjects: string[]) {
  return await Promise.all(
    subjects.map(async (subject) => {
      if (subject === '') throw new Error('an empty subject');
      const count = await prisma.assessment.count({ where: { subject } });
      if (count === 0) throw new Error(`no assessments in ${subject}`);
      return count;
    }),
  );
}
