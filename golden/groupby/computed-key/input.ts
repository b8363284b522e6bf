export async function countSubjects(subjects: string[]) {
  const counts = await Promise.all(
    subjects.map(async (subject) => {
      return await prisma.assessment.count({ where: { subject: subject.toLowerCase() } });
    }),
  );
  return counts;
}
