import { Hono } from 'hono';
import { prisma } from './db';

const api = new Hono().basePath('/api');

api.post('/tags', async (c) => {
  const tag = await prisma.tag.create({ data: { name: 'new' } });
  return c.json(tag);
});

export default api;
