type Counts = [number, number, number, number, number];

export async function GET() {
  const [students, assessments, schools]: [number, number, number] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
  ]);
  const [users, visits]: [number, number] = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ students, assessments, schools, users, visits } satisfies Record<string, Counts[number]>);
}
