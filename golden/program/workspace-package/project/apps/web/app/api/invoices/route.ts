import { openInvoices } from '@acme/billing';
import { prisma } from '@acme/billing/db';

export async function GET() {
  const invoices = await openInvoices();
  const customers = await prisma.customer.count();
  return Response.json({ invoices, customers });
}
