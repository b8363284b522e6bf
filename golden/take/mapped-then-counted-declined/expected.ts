export async function GET() {
  const project = await prisma.project.findFirstOrThrow({ include: { tasks: true } });
  const titles = project.tasks.map((task) => task.title.toUpperCase());
  return Response.json({ titles, total: titles.length });
}
