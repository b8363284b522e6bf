export async function GET() {
  const mentors = await prisma.mentor.findMany({
    include: { students: { include: { assessments: { take: 10, orderBy: { id: 'desc' } }, mentor: true }, take: 10, orderBy: { id: 'desc' } } },
    take: 5,
  });
  return Response.json(mentors);
}
