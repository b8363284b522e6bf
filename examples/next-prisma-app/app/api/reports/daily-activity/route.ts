import { now } from '../../../../lib/clock';
import { prisma } from '../../../../lib/prisma';

// Assessment activity for each of the last `days` days (UTC midnight to midnight).
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const days = Math.min(Math.max(parseInt(searchParams.get('days') || '14'), 0), 90);

    const today = now();
    const activity = [];
    for (let i = days - 1; i >= 0; i--) {
      const dayStart = new Date(today);
      dayStart.setUTCDate(dayStart.getUTCDate() - i);
      dayStart.setUTCHours(0, 0, 0, 0);
      const dayEnd = new Date(dayStart);
      dayEnd.setUTCDate(dayEnd.getUTCDate() + 1);

      const stats = await prisma.assessment.aggregate({
        where: { is_temporary: false, assessed_date: { gte: dayStart, lt: dayEnd } },
        _count: { _all: true, level: true },
        _min: { student_id: true },
        _max: { student_id: true, verified_at: true },
      });
      activity.push({ day: dayStart.toISOString().slice(0, 10), ...stats });
    }

    return Response.json({ days, activity });
  } catch (error) {
    console.error('Error fetching daily activity:', error);
    return Response.json({ error: 'Failed to fetch daily activity' }, { status: 500 });
  }
}
