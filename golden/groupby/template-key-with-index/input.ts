export async function gradeCounts(grades: number[]) {
  return await Promise.all(grades.map((grade, position) => prisma.assessment.count({ where: { subject: `grade-${grade}`, is_temporary: false } })));
}
