export async function suffixed(labels: string[], suffix: string) {
  return await Promise.all(
    labels.map(async (label) => {
      // the local mixes the element with an outer value: not a key of the element alone
      const subject = label + suffix;
      const count = await prisma.assessment.count({ where: { subject } });
      return count;
    }),
  );
}
