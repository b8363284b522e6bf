import { PrismaClient } from '@prisma/client';

// Temporary assessments are left out of every count.
const prisma = new PrismaClient().$extends({
  query: {
    assessment: {
      async count({ args, query }) {
        return query({ ...args, where: { ...args.where, is_temporary: false } });
      },
    },
  },
});

// Monthly counts on the transaction client: the client's count hook runs for them too, and one
// query over every window (SQL, or a findMany) would not go through it. Declined.
export async function quarter(today: Date) {
  return prisma.$transaction(async (tx) => {
    const counts: number[] = [];
    for (let back = 2; back >= 0; back--) {
      const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
      const until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 1));
      counts.push(await tx.assessment.count({ where: { assessed_date: { gte: from, lt: until } } }));
    }
    return counts;
  });
}
