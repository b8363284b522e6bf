import { prisma } from './db';

export function loadUser(id: number) {
  return prisma.user.findUnique({ where: { id } });
}
