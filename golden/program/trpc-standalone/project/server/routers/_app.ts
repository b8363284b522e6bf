import { router } from '../trpc';
import { invoiceRouter } from './invoice/router';

export const appRouter = router({
  billing: router({ invoice: invoiceRouter }),
});
