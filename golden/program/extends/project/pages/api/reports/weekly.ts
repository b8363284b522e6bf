import type { NextApiRequest, NextApiResponse } from 'next';
import { weeklyReport } from '~/reports';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await weeklyReport(Number(req.query.team)));
}
