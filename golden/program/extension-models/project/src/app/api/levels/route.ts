import { prisma } from '@/lib/prisma';

// Invitations per state: counts of a model the extension does not hook become one groupBy.
export async function GET() {
  const states = [true, false];
  const counts = await Promise.all(states.map((accepted) => prisma.invite.count({ where: { accepted } })));
  return Response.json(counts);
}
