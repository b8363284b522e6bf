import { initTRPC } from '@trpc/server';
import { db } from './db';

const t = initTRPC.create();

export const router = t.router;
export const publicProcedure = t.procedure;

// Every signed-in call looks the account up first.
export const signedInProcedure = t.procedure.use(async ({ ctx, next }) => {
  const account = await db.account.findUnique({ where: { apiKey: ctx.apiKey } });
  return next({ ctx: { account } });
});
