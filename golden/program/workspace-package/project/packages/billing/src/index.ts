import { prisma } from './db';

// Open invoices with their lines: the lines are read per invoice, one after another.
export async function openInvoices() {
  const invoices = await prisma.invoice.findMany({ where: { paid: false }, take: 25 });
  for (const invoice of invoices) {
    invoice.lines = await prisma.invoiceLine.findMany({ where: { invoiceId: invoice.id } });
  }
  return invoices;
}
