export async function monthly(today: Date) {
  const out = [];
  for (let i = 0; i < 2; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const n = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } });
    out.push(n);
  }
  return out;
}
