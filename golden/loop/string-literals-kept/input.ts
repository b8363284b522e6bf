export async function spaced(today: Date) {
  const out: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const n = await prisma.assessment.count({
      where: {
        subject: 'Khmer  Lit, }', // two spaces, a comma and a brace: copied as written
        assessed_date: { gte: start, lt: end },
      },
    });
    out.push(n);
  }
  return out;
}
