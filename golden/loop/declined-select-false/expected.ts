export async function recent(today: Date) {
  const out = [];
  for (let i = 0; i < 2; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const rows = await prisma.assessment.findMany({ where: { assessed_date: { gte: start, lt: end } }, select: { id: true, level: false } });
    out.push(rows);
  }
  return out;
}
