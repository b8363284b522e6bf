export async function summary(detailed: boolean) {
  const since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const [students, teachers, schools, recent, visits, classes, cycles] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.assessment.count({ where: { assessed_date: { gte: since } } }),
    detailed ? prisma.mentoringVisit.findMany({ select: { id: true } }) : Promise.resolve([]),
    prisma.schoolClass.count().catch(() => 0),
    Promise.all([prisma.assessment.count({ where: { assessment_type: 'baseline' } }), null]),
  ]);
  return { students, teachers, schools, recent, visits, classes, cycles };
}
