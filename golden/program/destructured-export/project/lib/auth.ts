import { db } from './db';

// An auth library hands its route handlers over as one object.
export const handlers = {
  GET: async (req: Request) => db.session.findFirst({ where: { token: req.headers.get('cookie') } }),
  POST: async () => new Response(null, { status: 204 }),
};
