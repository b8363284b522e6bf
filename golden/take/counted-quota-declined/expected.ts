export async function POST(request: Request) {
  const { teamId, userId } = await request.json();
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    include: { members: true },
  });
  if (!team) return Response.json({ error: 'no such team' }, { status: 404 });
  // the seat quota: with a limit on members, every team would look under quota
  if (team.members.length >= team.seatLimit) {
    return Response.json({ error: 'no seats left' }, { status: 402 });
  }
  await prisma.member.create({ data: { teamId, userId, role: 'viewer' } });
  return Response.json({ ok: true });
}
