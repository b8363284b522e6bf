// `countMembers()` runs two queries at once: with the three counts beside it, the array runs
// five, one more than the batch size.
async function countMembers(teamId: number) {
  return Promise.all([
    prisma.member.count({ where: { teamId, active: true } }),
    prisma.member.count({ where: { teamId, active: false } }),
  ]);
}

export async function teamOverview(teamId: number) {
  const [members, projects, invites, labels] = await Promise.all([
    countMembers(teamId),
    prisma.project.count({ where: { teamId } }),
    prisma.invite.count({ where: { teamId } }),
    prisma.label.count({ where: { teamId } }),
  ]);
  return { members, projects, invites, labels };
}
