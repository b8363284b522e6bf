export async function report(today: Date) {
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    // the .then formats the count: replacing only the query would drop it
    const label = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } }).then((n) => `${n} assessments`);
    out.push(label);
  }
  return out;
}
