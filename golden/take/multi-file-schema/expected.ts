export async function GET() {
  const mentors = await prisma.mentor.findMany({
    include: { students: { include: { assessments: { take: 10 }, mentor: true }, take: 10 } },
    take: 5,
  });
  return Response.json(mentors);
}
