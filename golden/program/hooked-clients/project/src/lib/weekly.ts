import { db } from '@/lib/db';
import reporting from '@/lib/plain';

// The soft-delete hook of `db` must see every count: no raw SQL here.
export async function weeklyHooked(now: Date) {
  const weeks: number[] = [];
  for (let week = 0; week < 4; week++) {
    const from = new Date(now.getTime() - (week + 1) * 7 * 86400000);
    const to = new Date(now.getTime() - week * 7 * 86400000);
    weeks.push(await db.assessment.count({ where: { assessed_date: { gte: from, lt: to } } }));
  }
  return weeks;
}

// The same weeks on the plain client.
export async function weeklyPlain(now: Date) {
  const weeks: number[] = [];
  for (let week = 0; week < 4; week++) {
    const from = new Date(now.getTime() - (week + 1) * 7 * 86400000);
    const to = new Date(now.getTime() - week * 7 * 86400000);
    weeks.push(await reporting.assessment.count({ where: { assessed_date: { gte: from, lt: to } } }));
  }
  return weeks;
}
