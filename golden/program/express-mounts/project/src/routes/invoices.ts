import { Router } from 'express';
import { db } from '../db';

export const invoiceRoutes = Router();

invoiceRoutes.get('/:id', async (req, res) => {
  const invoice = await db.invoice.findUnique({ where: { id: req.params.id }, include: { lines: { take: 100 } } });
  res.json(invoice);
});
