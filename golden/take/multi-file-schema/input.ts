export async function GET() {
  const mentors = await prisma.mentor.findMany({
    include: { students: { include: { assessments: true, mentor: true } } },
    take: 5,
  });
  return Response.json(mentors);
}
