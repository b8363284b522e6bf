export async function summary() {
  const [students, schools, cycles] = await Promise.all([
    prisma.student.count(),
    prisma.pilotSchool.count(),
    Promise.all([
      prisma.assessment.count({ where: { assessment_type: 'baseline' } }),
      prisma.assessment.count({ where: { assessment_type: 'midline' } }),
      prisma.assessment.count({ where: { assessment_type: 'endline' } }),
      prisma.assessment.count({ where: { level: 'beginner' } }),
      prisma.assessment.count({ where: { level: 'letter' } }),
      prisma.assessment.count({ where: { level: 'word' } }),
    ]),
  ]);
  return { students, schools, cycles };
}
