export async function report(today: Date) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const ids = await prisma.assessment.findMany({ where: { assessed_date: { gte: start, lt: end } }, select: { id: true } });
    const levels = await prisma.assessment.findMany({ where: { assessed_date: { gte: start, lt: end } }, select: { level: true } });
    out.push({ ids, levels });
  }
  return out;
}
