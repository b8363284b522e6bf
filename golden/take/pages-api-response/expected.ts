import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const team = await prisma.team.findUnique({
    where: { id: Number(req.query.id) },
    include: { projects: { select: { slug: true }, take: 10, orderBy: { id: 'desc' } } },
  });
  if (!team) return res.status(404).json({ error: 'not found' });
  return res.status(200).json(team);
}
