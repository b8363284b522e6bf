import { PrismaClient } from '@prisma/client';
import { softDeleteMembers } from './soft-delete';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function makeClient() {
  return new PrismaClient().$extends(softDeleteMembers);
}

export const prisma = globalForPrisma.prisma ?? makeClient();
