import { PrismaClient } from '@prisma/client';

// Archived rows are hidden from every count of this client.
export default new PrismaClient().$extends({
  query: {
    $allModels: {
      async count({ args, query }) {
        return query({ ...args, where: { ...args.where, archivedAt: null } });
      },
    },
  },
});
