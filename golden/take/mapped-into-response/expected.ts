export async function GET() {
  const projects = await prisma.project.findMany({
    where: { team: { name: 'core' } },
    include: { notes: { orderBy: { createdAt: 'desc' }, take: 10 } },
    take: 20,
  });
  // each project reshaped for the client, its notes passed along as they are
  const body = projects.map((project) => ({ slug: project.slug, notes: project.notes }));
  return Response.json({ count: projects.length, projects: body });
}
