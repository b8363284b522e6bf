import reports from '@/lib/reports';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => reports.assessment.count({ where: { level } })));
  return Response.json(counts);
}
