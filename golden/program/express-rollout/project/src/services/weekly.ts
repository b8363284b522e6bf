import { db } from '../db';

export async function weeklyTotals() {
  const [orders, refunds, signups, tickets, reviews, returns] = await Promise.all([
    db.order.count(),
    db.refund.count(),
    db.signup.count(),
    db.ticket.count(),
    db.review.count(),
    db.return.count(),
  ]);
  return { orders, refunds, signups, tickets, reviews, returns };
}
