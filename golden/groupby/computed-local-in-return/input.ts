export async function progress(subjects: string[]) {
  const rows = await Promise.all(
    subjects.map(async (subject) => {
      const done = await prisma.assessment.count({ where: { subject, is_temporary: false } });
      const all = await prisma.assessment.count({ where: { subject } });
      const share = all ? done / all : 0;
      const label = subject.trim().toUpperCase();
      return { label, done, all, percent: (share * 100).toFixed(1) };
    }),
  );
  return rows;
}
