// The first query's handler collects the ids it found; the last query leaves them out. In the
// original every argument is built, and every query started, before any handler runs, so the
// last query sees an empty list. In a second batch it would see the ids: other rows.
export async function GET() {
  const seen: number[] = [];
  const [mentors, schools, visits, classes, others] = await Promise.all([
    prisma.user.findMany({ where: { role: 'mentor' } }).then((rows) => {
      seen.push(...rows.map((row) => row.id));
      return rows;
    }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    prisma.user.findMany({ where: { id: { notIn: seen } } }),
  ]);
  return Response.json({ mentors, schools, visits, classes, others });
}
