export async function GET() {
  const { members, ...team } = await prisma.team.findFirstOrThrow({ include: { members: true } });
  if (!team.name) return new Response(null, { status: 204 });
  return Response.json({ ...team, people: members });
}
