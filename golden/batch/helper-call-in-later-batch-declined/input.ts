async function countMembers(teamId: number) {
  return prisma.member.count({ where: { teamId } });
}

export async function teamOverview(teamId: number) {
  const [projects, invites, labels, tasks, members] = await Promise.all([
    prisma.project.count({ where: { teamId } }),
    prisma.invite.count({ where: { teamId } }),
    prisma.label.count({ where: { teamId } }),
    prisma.task.count({ where: { teamId } }),
    // called where it is written, it would start only after the first batch: not moved
    countMembers(teamId),
  ]);
  return { projects, invites, labels, tasks, members };
}
