import { prisma } from '@/lib/prisma';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
  return Response.json(counts);
}
