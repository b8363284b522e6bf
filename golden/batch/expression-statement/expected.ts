export async function warmUp() {
  await Promise.all([
    prisma.student.findFirst(),
    prisma.assessment.findFirst(),
    prisma.pilotSchool.findFirst(),
  ]);
  await Promise.all([
    prisma.user.findFirst(),
    prisma.mentoringVisit.findFirst(),
  ]);
}
