export async function subjectReport(subjects: string[]) {
  return await Promise.all(
    subjects.map(async (subject) => {
      const count = await prisma.assessment.count({ where: { subject } });
      // the log line stays per element; only its order across elements may differ
      console.log(`subject ${subject}: ${count}`);
      return { subject, count };
    }),
  );
}
