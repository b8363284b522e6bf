export async function perDay(days: Date[]) {
  return await Promise.all(days.map((day) => prisma.assessment.count({ where: { assessed_date: day } })));
}
