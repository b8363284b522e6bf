export async function GET() {
  const [schools, assessments] = await Promise.all([
    prisma.pilotSchool.count(),
    prisma.assessment.findMany({ select: { level: true } }),
  ]);
  const byLevel: Record<string, number> = {};
  for (const assessment of assessments) byLevel[assessment.level ?? 'none'] = (byLevel[assessment.level ?? 'none'] ?? 0) + 1;
  return Response.json({ schools, byLevel });
}
