// The first element hands `seen` to a helper that fills it after its own query. In the
// original the last query's `notIn: seen` was built and sent before that; in a second batch
// it would be built after, with the ids in it.
async function collectMentorIds(into: number[]) {
  const mentors = await prisma.user.findMany({ where: { role: 'mentor' }, select: { id: true } });
  into.push(...mentors.map((mentor) => mentor.id));
  return mentors.length;
}

export async function GET() {
  const seen: number[] = [];
  const [mentors, schools, visits, classes, others] = await Promise.all([
    collectMentorIds(seen),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    prisma.user.count({ where: { id: { notIn: seen } } }),
  ]);
  return Response.json({ mentors, schools, visits, classes, others });
}
