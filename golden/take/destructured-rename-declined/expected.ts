'use server';

export async function removeViewers(teamId: number) {
  const { members: roster, ...team } = await prisma.team.findUniqueOrThrow({
    where: { id: teamId },
    include: { members: { where: { role: 'viewer' } } },
  });
  // the rename hides the relation: the filter still runs over every viewer
  const viewers = roster.filter((member) => member.role === 'viewer');
  return { team: team.name, removed: viewers.length };
}
