export async function GET() {
  const teams = await prisma.team.findMany({ include: { members: true }, take: 50 });
  // the parents are many; each one's members are counted
  const sizes = teams.map((team) => ({ name: team.name, size: team.members.length }));
  return Response.json(sizes);
}
