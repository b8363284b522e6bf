import { monthTotal, openInvoices, overdueCount } from '../../../lib/ledger';

type Invoice = { id: string };

export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('account') ?? '';
  const total = await monthTotal(accountId);
  const invoices = await openInvoices<Invoice>(accountId);
  const overdue = await overdueCount(accountId);
  return Response.json({ total: total.toString(), invoices, overdue });
}
