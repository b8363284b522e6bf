import { prisma } from './db';

export async function loadOther() {
  return Promise.all([
    prisma.a.count(),
    prisma.b.count(),
    prisma.c.count(),
    prisma.d.count(),
    prisma.e.count(),
  ]);
}
