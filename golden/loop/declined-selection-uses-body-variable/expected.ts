export async function report(today: Date, withStudent: boolean) {
  const out = [];
  for (let i = 0; i < 2; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const related = { student: withStudent };
    const rows = await prisma.assessment.findMany({ where: { assessed_date: { gte: start, lt: end } }, include: related });
    out.push(rows);
  }
  return out;
}
