// The three newest notes of every project: a findMany with its own take per element, which
// no single query can return.
export async function recentNotes(projects: { id: number; slug: string }[]) {
  const previews = await Promise.all(
    projects.map(async (project) => {
      const notes = await prisma.note.findMany({
        where: { projectId: project.id },
        orderBy: { createdAt: 'desc' },
        take: 3,
      });
      return { slug: project.slug, notes };
    })
  );
  return previews;
}
