import { audited } from '@/lib/audited';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => audited.assessment.count({ where: { level } })));
  return Response.json(counts);
}
