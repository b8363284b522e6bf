// Shared by several routes: what each caller does with the members is out of sight.
export async function loadTeam(id: number) {
  return prisma.team.findUnique({ where: { id }, include: { members: true } });
}
