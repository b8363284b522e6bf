import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

// Assessments per calendar month (UTC) for the last year, for the progress chart.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const subject = searchParams.get('subject') || 'khmer';

    const today = now();
    const months: { month: string; assessments: number }[] = [];
    for (let i = 11; i >= 0; i--) {
      const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
      const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));

      const assessments = await prisma.assessment.count({
        where: { subject, is_temporary: false, assessed_date: { gte: start, lt: end } },
      });
      months.push({ month: start.toISOString().slice(0, 7), assessments });
    }

    return Response.json({ subject, months });
  } catch (error) {
    console.error('Error fetching monthly counts:', error);
    return Response.json({ error: 'Failed to fetch monthly counts' }, { status: 500 });
  }
}
