export async function GET() {
  const project = await prisma.project.findFirstOrThrow({ include: { tasks: true } });
  const hours = project.tasks.reduce((sum, task) => sum + task.hours, 0);
  return Response.json({ hours });
}
