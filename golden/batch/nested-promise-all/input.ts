export async function dashboard() {
  const [students, [baseline, midline], schools, users, visits] = await Promise.all([
    prisma.student.count(),
    Promise.all([
      prisma.assessment.count({ where: { assessment_type: 'baseline' } }),
      prisma.assessment.count({ where: { assessment_type: 'midline' } }),
    ]),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return { students, baseline, midline, schools, users, visits };
}
