import { prisma } from './db';

export async function loadReport() {
  const [users, teams, projects, tasks, comments, files] = await Promise.all([
    prisma.user.count(),
    prisma.team.count(),
    prisma.project.count(),
    prisma.task.count(),
    prisma.comment.count(),
    prisma.file.count(),
  ]);
  return { users, teams, projects, tasks, comments, files };
}
