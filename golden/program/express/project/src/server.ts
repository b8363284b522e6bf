import express from 'express';
import { prisma } from './db';
import { requireUser } from './middleware';

const app = express();

app.get('/health', (req, res) => res.send('ok'));

app.get('/orders', requireUser, async (req: any, res) => {
  const orders = await prisma.order.findMany({ where: { userId: req.user.id }, take: 20 });
  res.json(orders);
});

app.listen(3000);
