import { Router } from 'express';
import { monthlyTotals } from '../services/monthly';
import { weeklyTotals } from '../services/weekly';

export const reportRoutes = Router();

reportRoutes.get('/weekly', async (_req, res) => res.json(await weeklyTotals()));
reportRoutes.get('/monthly', async (_req, res) => res.json(await monthlyTotals()));
