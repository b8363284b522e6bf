import { prisma } from '../db';

export function getUser(id: string) {
  return prisma.user.findUnique({ where: { id } });
}
