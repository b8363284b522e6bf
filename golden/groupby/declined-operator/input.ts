export async function counts(prefixes: string[]) {
  return await Promise.all(
    prefixes.map((prefix) => prisma.assessment.count({ where: { subject: { startsWith: prefix } } })),
  );
}
