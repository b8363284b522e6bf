import { db } from '@/lib/db';

export async function GET() {
  const subjects = ['khmer', 'math'];
  const counts = await Promise.all(subjects.map((subject) => db.assessment.count({ where: { subject } })));
  return Response.json(counts);
}
