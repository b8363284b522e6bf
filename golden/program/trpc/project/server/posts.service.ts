import { prisma } from './db';

export function getPost(id: number) {
  return prisma.post.findUnique({ where: { id }, include: { author: true } });
}
