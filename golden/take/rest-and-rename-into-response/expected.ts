export async function GET() {
  const { members, ...team } = await prisma.team.findFirstOrThrow({ include: { members: { take: 10, orderBy: { id: 'desc' } } } });
  if (!team.name) return new Response(null, { status: 204 });
  return Response.json({ ...team, people: members });
}
