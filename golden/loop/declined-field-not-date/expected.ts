export async function byId(today: Date) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(i * 1000);
    const end = new Date((i + 1) * 1000);
    const n = await prisma.assessment.count({ where: { student_id: { gte: start, lt: end } } });
    out.push(n);
  }
  return out;
}
