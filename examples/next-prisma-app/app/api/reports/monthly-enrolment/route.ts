import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

// Children enrolled per calendar month (UTC) for the last year, and the sum of their grades
// (the chart shows the average grade of each month's intake): a count and an Int sum per
// month. Months without an intake have a count of 0 and a sum of null.
export async function GET() {
  try {
    const today = now();
    const months: { month: string; children: number; gradeSum: number | null }[] = [];
    for (let i = 11; i >= 0; i--) {
      const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
      const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i + 1, 1));
      const intake = await prisma.student.aggregate({
        where: { is_active: true, created_at: { gte: start, lt: end } },
        _count: true,
        _sum: { grade: true },
      });
      months.push({ month: start.toISOString().slice(0, 7), children: intake._count, gradeSum: intake._sum.grade });
    }
    return Response.json({ months });
  } catch (error) {
    console.error('Error fetching the monthly enrolment:', error);
    return Response.json({ error: 'Failed to fetch the monthly enrolment' }, { status: 500 });
  }
}
