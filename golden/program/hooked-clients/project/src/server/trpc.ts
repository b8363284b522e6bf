import { initTRPC } from '@trpc/server';
import { db } from '@/lib/db';

export const createTRPCContext = async (opts: { headers: Headers }) => {
  return { db, headers: opts.headers };
};

const t = initTRPC.context<typeof createTRPCContext>().create();

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
