export async function summary(full: boolean) {
  if (full)
    return await Promise.all([
      prisma.student.count(),
      prisma.user.count({ where: { role: 'teacher' } }),
      prisma.pilotSchool.count(),
      prisma.mentoringVisit.count(),
      prisma.schoolClass.count(),
    ]);
  return [];
}
