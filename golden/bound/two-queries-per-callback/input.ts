export async function teamCards(teams: { id: number }[]) {
  const cards = await Promise.all(teams.map(async (team) => {
    const [owner, latest] = await Promise.all([
      prisma.member.findFirst({ where: { teamId: team.id, role: 'owner' } }),
      prisma.project.findFirst({ where: { teamId: team.id }, orderBy: { id: 'desc' } }),
    ]);
    return { id: team.id, owner, latest };
  }));
  return cards;
}
