import archive from '@/lib/archive';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => archive.assessment.count({ where: { level } })));
  return Response.json(counts);
}
