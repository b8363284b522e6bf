export async function GET() {
  const team = await prisma.team.findFirst({
    include: { projects: { where: { slug: 'handbook' } } },
  });
  return Response.json(team);
}
