export async function GET() {
  const assessments = await prisma.assessment.findMany({
    where: { level: 'story' },
    include: { student: { select: { name: true } }, added_by: { select: { name: true } } },
    orderBy: { assessed_date: 'desc' },
    take: 100,
  });
  return Response.json(assessments);
}
