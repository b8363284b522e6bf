import tenant from '@/lib/tenant';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => tenant.client.assessment.count({ where: { level } })));
  return Response.json(counts);
}
