import { Hono } from 'hono';
import { db } from '../db';

export const teamRoutes = new Hono()
  .get('/', async (c) => c.json(await db.team.findMany({ take: 20 })))
  .delete('/:id', async (c) => {
    await db.membership.deleteMany({ where: { teamId: c.req.param('id') } });
    await db.team.delete({ where: { id: c.req.param('id') } });
    return c.body(null, 204);
  });
