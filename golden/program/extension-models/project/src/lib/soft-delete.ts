import { Prisma } from '@prisma/client';

// Members who left are soft-deleted: their rows stay, and member reads skip them.
export const softDeleteMembers = Prisma.defineExtension({
  name: 'soft-delete-members',
  query: {
    member: {
      async findUnique({ args, query }) {
        const row = await query(args);
        return row && !row.deletedAt ? row : null;
      },
      async count({ args, query }) {
        return query({ ...args, where: { ...args.where, deletedAt: null } });
      },
    },
  },
});
