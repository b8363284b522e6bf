export async function report(today: Date) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const khmer = await prisma.assessment.count({ where: { subject: 'khmer', assessed_date: { gte: start, lt: end } } });
    const math = await prisma.assessment.count({ where: { subject: 'math', assessed_date: { gte: start, lt: end } } });
    out.push({ khmer, math });
  }
  return out;
}
