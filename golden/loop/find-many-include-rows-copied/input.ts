// Each month gets its own rows and their students, as each findMany gave.
export async function recent(today: Date) {
  const byMonth = [];
  for (let i = 0; i < 3; i++) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
    const rows = await prisma.assessment.findMany({
      where: { is_temporary: false, assessed_date: { gt: start, lte: end } },
      include: { student: true },
      orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
    });
    byMonth.push({ start, rows });
  }
  return byMonth;
}
