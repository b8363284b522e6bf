export async function loadCounters(prisma: PrismaClient, flags: Flags) {
  const [
    c1, c2, c3, c4
  ] = await Promise.all([
    prisma.student.count(),
    flags.teachers ? prisma.user.count({ where: { role: 'teacher' } }) : Promise.resolve(0),
    prisma.assessment.count(),
    flags.schools ? prisma.pilotSchool.count() : Promise.resolve(1)
  ]);
  const [
    c5, c6, c7, c8
  ] = await Promise.all([
    prisma.mentoringVisit.count(),
    flags.mentors ? prisma.user.count({ where: { role: 'mentor' } }) : Promise.resolve(0),
    prisma.schoolClass.count(),
    prisma.student.count({ where: { is_active: true } })
  ]);
  const [
    c9, c10, c11, c12
  ] = await Promise.all([
    prisma.student.count({ where: { is_temporary: true } }),
    flags.baseline ? prisma.assessment.count({ where: { assessment_type: 'baseline' } }) : Promise.resolve(0),
    prisma.assessment.count({ where: { assessment_type: 'midline' } }),
    prisma.assessment.count({ where: { assessment_type: 'endline' } })
  ]);
  const [
    c13, c14, c15, c16
  ] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { is_active: true } }),
    flags.viewers ? prisma.user.count({ where: { role: 'viewer' } }) : Promise.resolve(0),
    prisma.userPilotSchoolAssignment.count()
  ]);
  return [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16];
}
