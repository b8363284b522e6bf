export async function report(months: string[]) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const start = `2025-0${i + 1}-01`;
    const end = `2025-0${i + 2}-01`;
    const count = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } });
    out.push(count);
  }
  return out;
}
