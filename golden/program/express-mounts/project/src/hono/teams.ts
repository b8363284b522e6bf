import { Hono } from 'hono';
import { db } from '../db';

export const teamRoutes = new Hono()
  .get('/', async (c) => c.json(await db.team.findMany({ take: 20 })))
  // Middleware for one team's routes: it runs before DELETE /:id, not before GET /.
  .use('/:id/*', async (c, next) => {
    const member = await db.membership.findFirst({ where: { teamId: c.req.param('id'), role: 'owner' } });
    if (!member) return c.text('forbidden', 403);
    await next();
  })
  .delete('/:id', async (c) => {
    await db.membership.deleteMany({ where: { teamId: c.req.param('id') } });
    await db.team.delete({ where: { id: c.req.param('id') } });
    return c.body(null, 204);
  });
