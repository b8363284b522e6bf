export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const project = await prisma.project.findUniqueOrThrow({ where: { id: Number(id) }, include: { tasks: true } });
  let open = 0;
  // a reminder per open task: each task left out of a limit would never get one
  const reminders: string[] = [];
  for (const task of project.tasks) {
    if (!task.done) reminders.push(task.title);
    open += task.done ? 0 : 1;
  }
  return Response.json({ open, reminders });
}
