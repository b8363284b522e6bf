export async function archive(today: Date) {
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    await prisma.assessment.updateMany({ where: { assessed_date: { gte: start, lt: end } }, data: { is_temporary: false } });
  }
}
