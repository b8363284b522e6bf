import express from 'express';
import { invoiceRoutes } from './invoices';

// A router that only mounts another one: /api + /invoices.
export const billingRoutes = express.Router();
billingRoutes.use('/invoices', invoiceRoutes);
