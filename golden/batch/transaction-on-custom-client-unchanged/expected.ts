// One interactive transaction holds one connection: its Promise.all is no fan-out, whatever
// the client is called.
export async function invoiceSnapshot(invoiceId: number) {
  return dbWrite.$transaction(async (tx) => {
    const [invoice, entries, payments, refunds, customer, audits] = await Promise.all([
      tx.invoice.findUnique({ where: { id: invoiceId } }),
      tx.ledgerEntry.count({ where: { invoiceId } }),
      tx.payment.count({ where: { invoiceId } }),
      tx.refund.count({ where: { invoiceId } }),
      tx.customer.findFirst({ where: { invoices: { some: { id: invoiceId } } } }),
      tx.auditLog.count({ where: { invoiceId } }),
    ]);
    return { invoice, entries, payments, refunds, customer, audits };
  });
}
