import { db } from '../../db';
import { publicProcedure } from '../../trpc';

export const listInvoicesRoute = publicProcedure.query(() => db.invoice.findMany({ take: 25 }));

// Mounted under a plain object in the router (tRPC 11).
export const draftCountRoute = publicProcedure
  .input(Object)
  .query(() => db.invoice.count({ where: { sentAt: null } }));

// A cache layer's `.query(fn)` builds no procedure: its query belongs to a plain function.
const cacheLayer = { query: (load: () => Promise<number>) => load };
export const cachedTotal = cacheLayer.query(async () => db.invoice.count());
