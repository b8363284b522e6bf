import { prisma } from '../db.server';

export function getProject(id: string) {
  return prisma.project.findUnique({ where: { id }, include: { members: { take: 20 } } });
}
