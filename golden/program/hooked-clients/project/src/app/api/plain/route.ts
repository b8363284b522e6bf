import reporting from '@/lib/plain';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => reporting.assessment.count({ where: { level } })));
  return Response.json(counts);
}
