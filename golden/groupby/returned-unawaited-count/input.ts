export async function perSubject(subjects: string[]) {
  return await Promise.all(
    subjects.map((subject) => {
      return prisma.assessment.count({ where: { subject } });
    }),
  );
}
