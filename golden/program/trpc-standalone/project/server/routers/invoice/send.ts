import { z } from 'zod';
import { markInvoiceSent } from '../../services/invoices';
import { signedInProcedure } from '../../trpc';

export const sendInvoiceRoute = signedInProcedure
  .input(z.object({ id: z.string() }))
  .mutation(async ({ input }) => {
    return markInvoiceSent(input.id);
  });
