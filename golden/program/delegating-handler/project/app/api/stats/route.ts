import { prisma } from '../../../lib/db';

export async function GET() {
  return Response.json(await load());
}

async function load() {
  const [a, b, c] = await Promise.all([prisma.a.count(), prisma.b.count(), prisma.c.count()]);
  return { a, b, c };
}
