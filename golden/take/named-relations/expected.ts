export async function GET() {
  const assessments = await prisma.assessment.findMany({
    include: {
      added_by: { include: { assessments_added: { take: 10, orderBy: { id: 'desc' } } } },
      student: true,
    },
    take: 50,
  });
  return Response.json(assessments);
}
