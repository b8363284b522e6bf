export async function archiveProjects(teamId: number, projectIds: number[]) {
  // only the projects the caller picked: a limit would silently archive fewer
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    include: { projects: { where: { id: { in: projectIds } } } },
  });
  return team;
}
