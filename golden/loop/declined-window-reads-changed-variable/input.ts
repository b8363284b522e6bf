export async function weekly(from: Date) {
  const counts: number[] = [];
  let cursor = from.getTime();
  for (let week = 0; week < 4; week++) {
    const start = new Date(cursor);
    const end = new Date(cursor + 7 * 86400000);
    const n = await prisma.assessment.count({ where: { assessed_date: { gte: start, lt: end } } });
    counts.push(n);
    cursor += 7 * 86400000;
  }
  return counts;
}
