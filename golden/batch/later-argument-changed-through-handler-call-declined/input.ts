// The first handler calls `remember`, which changes `filter`; a later element builds its where
// from `filter`. poolfix does not look into `remember`: any plain call in an earlier handler
// may change what a later batch's arguments read.
const filter = { role: 'teacher' };

function remember(count: number) {
  if (count === 0) filter.role = 'mentor';
  return count;
}

export async function GET() {
  const [students, schools, visits, classes, staff] = await Promise.all([
    prisma.student.count().then((count) => remember(count)),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    prisma.user.count({ where: { role: filter.role } }),
  ]);
  return Response.json({ students, schools, visits, classes, staff });
}
