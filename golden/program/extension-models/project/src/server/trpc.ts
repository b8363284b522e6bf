import { initTRPC } from '@trpc/server';
import { prisma } from '@/lib/prisma';

export const createTRPCContext = async () => ({ db: prisma });

const t = initTRPC.context<typeof createTRPCContext>().create();

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
