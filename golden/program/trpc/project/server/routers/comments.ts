import { prisma } from '../db';
import { publicProcedure, router } from '../trpc';

export const comments = router({
  list: publicProcedure.query(() => prisma.comment.findMany({ take: 20 })),
});
