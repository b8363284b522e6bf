import { createTRPCRouter, publicProcedure } from '../trpc';

export const statsRouter = createTRPCRouter({
  perLevel: publicProcedure.query(async ({ ctx }) => {
    const levels = ['beginner', 'letter', 'word'];
    const counts = await Promise.all(levels.map((level) => ctx.db.assessment.count({ where: { level } })));
    return counts;
  }),
});
