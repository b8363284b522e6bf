import { initTRPC } from '@trpc/server';
import { plain } from '../lib/clients';

export function createContext() {
  return { prisma: plain };
}

const t = initTRPC.context<typeof createContext>().create();

export const router = t.router;
export const procedure = t.procedure;
