import { database } from '../../../lib/database';

// `database` is no name poolfix knows: it counts because it is bound to a PrismaClient.
export async function GET() {
  const [plans, features] = await Promise.all([
    database.plan.findMany({ take: 10 }),
    database.feature.findMany({ take: 10 }),
  ]);
  return Response.json({ plans, features });
}
