export async function GET() {
  const project = await prisma.project.findFirstOrThrow({ include: { tasks: { orderBy: { hours: 'desc' } } } });
  const biggest = project.tasks[0];
  return Response.json({ biggest });
}
