import { notifyMembers } from './notify';

export async function POST() {
  const team = await prisma.team.findFirstOrThrow({ include: { members: true } });
  await notifyMembers(team.members, 'The plan changes tomorrow');
  return Response.json({ ok: true });
}
