import { router } from '../../trpc';
import { draftCountRoute, listInvoicesRoute } from './list';
import { sendInvoiceRoute } from './send';
import { voidInvoiceRoute } from './void';

export const invoiceRouter = router({
  list: listInvoicesRoute,
  send: sendInvoiceRoute,
  admin: router({ void: voidInvoiceRoute }),
  reports: { drafts: draftCountRoute },
});
