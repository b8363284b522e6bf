import { db } from '../db';

export function recentOrders(customerId: string) {
  return db.order.findMany({ where: { customerId }, orderBy: { placedAt: 'desc' }, take: 10 });
}
