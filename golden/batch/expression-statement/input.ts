export async function warmUp() {
  await Promise.all([
    prisma.student.findFirst(),
    prisma.assessment.findFirst(),
    prisma.pilotSchool.findFirst(),
    prisma.user.findFirst(),
    prisma.mentoringVisit.findFirst(),
  ]);
}
