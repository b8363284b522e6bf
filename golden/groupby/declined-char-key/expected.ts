export async function perGrade(grades: string[]) {
  return await Promise.all(grades.map((grade) => prisma.result.count({ where: { grade } })));
}
