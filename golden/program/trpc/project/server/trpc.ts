import { initTRPC } from '@trpc/server';
import { prisma } from './db';

const t = initTRPC.create();

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure;

// Every protected call reads the session first.
const isAuthed = t.middleware(async ({ ctx, next }) => {
  const session = await prisma.session.findUnique({ where: { token: ctx.token } });
  return next({ ctx: { session } });
});

export const protectedProcedure = t.procedure.use(isAuthed);
