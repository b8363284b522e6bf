// `loadEverything()` alone runs six queries at once: no split of this array can keep a batch
// at four.
async function loadEverything() {
  const resultsBatch1 = await Promise.all([
    prisma.order.count(),
    prisma.invoice.count(),
    prisma.refund.count(),
  ]);
  const resultsBatch2 = await Promise.all([
    prisma.payout.count(),
    prisma.dispute.count(),
    prisma.customer.count(),
  ]);
  const results: [...typeof resultsBatch1, ...typeof resultsBatch2] = [...resultsBatch1, ...resultsBatch2];
  return results;
}

export async function billingPage() {
  const [everything, plans] = await Promise.all([loadEverything(), prisma.plan.findMany({ take: 5 })]);
  return { everything, plans };
}
