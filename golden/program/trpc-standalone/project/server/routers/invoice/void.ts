import { z } from 'zod';
import { db } from '../../db';
import { signedInProcedure } from '../../trpc';

export const voidInvoiceRoute = signedInProcedure
  .input(z.string())
  .mutation(({ input }) => db.invoice.update({ where: { id: input }, data: { voided: true } }));

// No router mounts this one (yet): it is named by its binding.
export const restoreInvoiceRoute = signedInProcedure
  .input(z.string())
  .mutation(({ input }) => db.invoice.update({ where: { id: input }, data: { voided: false } }));
