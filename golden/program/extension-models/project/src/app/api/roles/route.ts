import { prisma } from '@/lib/prisma';

// Members per role: the extension's count hook leaves out soft-deleted members, which a
// groupBy would not, so the counts stay.
export async function GET() {
  const roles = ['owner', 'teacher'];
  const counts = await Promise.all(roles.map((role) => prisma.member.count({ where: { role } })));
  return Response.json(counts);
}
