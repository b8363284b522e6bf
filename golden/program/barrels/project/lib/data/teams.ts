import { prisma } from '../db';

export function findTeam(slug: string) {
  return prisma.team.findUnique({ where: { slug } });
}
