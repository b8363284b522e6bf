import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

// Verified and recorded assessments per calendar month (UTC) for the last half year, for the
// data-quality page. Both counts of a month must come from the same moment, so the whole
// report is read in one repeatable-read transaction: one snapshot for every month.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const schoolId = Number(searchParams.get('school_id') || 1);
    const today = now();
    const months = await prisma.$transaction(
      async (tx) => {
        const rows: { month: string; recorded: number; verified: number }[] = [];
        for (let back = 5; back >= 0; back--) {
          const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
          const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 1));
          const recorded = await tx.assessment.count({
            where: { pilot_school_id: schoolId, assessed_date: { gte: first, lt: next } },
          });
          const verified = await tx.assessment.count({
            where: { pilot_school_id: schoolId, verified_at: { not: null }, assessed_date: { gte: first, lt: next } },
          });
          rows.push({ month: first.toISOString().slice(0, 7), recorded, verified });
        }
        return rows;
      },
      { isolationLevel: 'RepeatableRead' },
    );
    return Response.json({ schoolId, months });
  } catch (error) {
    console.error('Error fetching the verified months:', error);
    return Response.json({ error: 'Failed to fetch the verified months' }, { status: 500 });
  }
}
