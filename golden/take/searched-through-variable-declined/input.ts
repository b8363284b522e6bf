export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const userId = request.headers.get('x-user') ?? '';
  const team = await prisma.team.findFirst({ where: { id: Number(id) }, include: { members: true } });
  if (!team) return new Response(null, { status: 404 });
  // access is decided by scanning the member list
  const members = team.members;
  const allowed = members.some((member) => member.userId === userId && member.role === 'admin');
  if (!allowed) return new Response(null, { status: 403 });
  return Response.json({ name: team.name });
}
