import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const invitesRouter = createTRPCRouter({
  // Invitations are not hooked: one findMany before the loop reads them all.
  pending: publicProcedure.input(z.array(z.string())).query(async ({ ctx, input }) => {
    const open: string[] = [];
    for (const email of input) {
      const invite = await ctx.db.invite.findFirst({ where: { email, accepted: false } });
      if (invite) open.push(email);
    }
    return open;
  }),

  // Members are hooked (soft delete): each read goes through the findUnique hook, so the
  // reads stay in the loop.
  known: publicProcedure.input(z.array(z.string())).query(async ({ ctx, input }) => {
    const known: string[] = [];
    for (const email of input) {
      const member = await ctx.db.member.findUnique({ where: { email } });
      if (member) known.push(email);
    }
    return known;
  }),
});
