import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

type Term = { label: string; from: Date; to: Date };

// The school year's terms, each with its assessments per subject and the students added.
function terms(today: Date): Term[] {
  const year = today.getUTCFullYear();
  return [
    { label: `${year} term 1`, from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year, 3, 1)) },
    { label: `${year} term 2`, from: new Date(Date.UTC(year, 3, 1)), to: new Date(Date.UTC(year, 6, 1)) },
    { label: `${year} term 3`, from: new Date(Date.UTC(year, 6, 1)), to: new Date(Date.UTC(year, 9, 1)) },
    { label: `${year} term 4`, from: new Date(Date.UTC(year, 9, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) },
  ];
}

export async function GET() {
  try {
    const summary = [];
    const schoolTerms = terms(now());
    for (const term of schoolTerms) {
      const [khmer, math] = await Promise.all([
        prisma.assessment.count({ where: { subject: 'khmer', assessed_date: { gte: term.from, lt: term.to } } }),
        prisma.assessment.count({ where: { subject: 'math', assessed_date: { gte: term.from, lt: term.to } } }),
      ]);
      const enrolled = await prisma.student.aggregate({
        where: { created_at: { gte: term.from, lt: term.to } },
        _count: true,
        _max: { grade: true },
      });
      summary.push({ term: term.label, khmer, math, enrolled });
    }
    return Response.json({ summary });
  } catch (error) {
    console.error('Error fetching the term summary:', error);
    return Response.json({ error: 'Failed to fetch the term summary' }, { status: 500 });
  }
}
