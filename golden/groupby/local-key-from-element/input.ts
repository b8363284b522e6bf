export async function bySlug(labels: string[]) {
  return await Promise.all(
    labels.map(async (label) => {
      const subject = label.trim().toLowerCase();
      const count = await prisma.assessment.count({ where: { subject, is_temporary: false } });
      return { label, subject, count };
    }),
  );
}
