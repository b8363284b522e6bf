import { db } from '../db';
import { recentOrders } from '../services/orders';

export async function list(_req: any, res: any) {
  res.json(await db.customer.findMany({ take: 50 }));
}

export async function show(req: any, res: any) {
  const customer = await db.customer.findUnique({ where: { id: req.params.id } });
  const orders = await recentOrders(req.params.id);
  res.json({ customer, orders });
}

export async function create(req: any, res: any) {
  res.status(201).json(await db.customer.create({ data: req.body }));
}
