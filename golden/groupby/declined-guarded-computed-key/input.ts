export async function guardedKeys(labels: string[]) {
  return await Promise.all(
    labels.map(async (label) => {
      if (label.length === 0) return 0;
      return await prisma.assessment.count({ where: { level: label.toLowerCase() } });
    }),
  );
}
