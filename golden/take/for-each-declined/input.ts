export async function GET() {
  const project = await prisma.project.findFirstOrThrow({ include: { tasks: true } });
  const titles = new Set<string>();
  project.tasks.forEach((task) => titles.add(task.title));
  return Response.json({ titles: [...titles] });
}
