export async function GET() {
  const project = await prisma.project.findFirst({
    include: {
      // the activity feed, oldest note first
      notes: { orderBy: { createdAt: 'asc' } },
    },
  });
  return Response.json(project);
}
