import { prisma } from './db';

export default async function loadProfile(id: number) {
  return prisma.profile.findUnique({ where: { id } });
}
