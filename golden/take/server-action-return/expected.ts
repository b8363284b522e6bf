'use server';

export async function getProject(slug: string) {
  const project = await prisma.project.findUnique({ where: { slug }, include: { tasks: { take: 10, orderBy: { id: 'desc' } } } });
  return project ?? null;
}
