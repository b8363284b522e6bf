export async function GET() {
  const teams = await prisma.team.findMany({ include: { labels: true }, take: 20 });
  return Response.json(teams);
}
