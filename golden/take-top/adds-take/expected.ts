export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const assessments = await prisma.assessment.findMany({
    where: { student_id: Number(id) },
    include: { added_by: { select: { name: true } } },
    orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
    take: 10
  });
  const paged = await prisma.assessment.findMany({ where: { level: 'story' }, take: 20 });
  return Response.json({ assessments, paged });
}
