import { prisma } from '~/db';

export async function weeklyReport(teamId: number) {
  const members = await prisma.member.count({ where: { teamId } });
  const tasks = await prisma.task.count({ where: { teamId, done: false } });
  return { members, tasks };
}
