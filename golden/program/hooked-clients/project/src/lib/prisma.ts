import { PrismaClient } from '@prisma/client';

// Soft-deleted rows stay hidden: every read goes through this hook.
function createClient() {
  return new PrismaClient().$extends({
    query: {
      $allModels: {
        async count({ args, query }) {
          args.where = { ...args.where, deletedAt: null };
          return query(args);
        },
      },
    },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const prisma = globalForPrisma.prisma ?? createClient();
