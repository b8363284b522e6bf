'use server';

export async function getProject(slug: string) {
  const project = await prisma.project.findUnique({ where: { slug }, include: { tasks: true } });
  return project ?? null;
}
