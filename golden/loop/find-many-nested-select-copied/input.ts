// A nested select: each week's rows, their students and the students' visits are new objects
// for every week, as each findMany gave, in the select's order.
export async function weekly(today: Date) {
  const weeks = [];
  for (let w = 0; w < 2; w++) {
    const from = new Date(today.getTime() - (w + 1) * 7 * 86400000);
    const to = new Date(today.getTime() - w * 7 * 86400000);
    const seen = await prisma.assessment.findMany({
      where: { assessed_date: { gte: from, lt: to } },
      select: { id: true, student: { select: { name: true, visits: { where: { verified: true } } } }, assessed_date: true },
    });
    weeks.push(seen);
  }
  return weeks;
}
