import { db } from '../db';

export async function markInvoiceSent(id: string) {
  const invoice = await db.invoice.update({ where: { id }, data: { sentAt: new Date() } });
  await db.auditEntry.create({ data: { invoiceId: invoice.id, action: 'sent' } });
  return invoice;
}
