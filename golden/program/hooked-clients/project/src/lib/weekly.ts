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

// One student per id on the hooked client: hoisting would read them all with one findMany,
// an operation the hook does not see as these reads.
export async function namesHooked(ids: number[]) {
  const names: string[] = [];
  for (const id of ids) {
    const student = await db.student.findUnique({ where: { id } });
    names.push(student?.name ?? '');
  }
  return names;
}

// The same reads on the plain client: hoisted.
export async function namesPlain(ids: number[]) {
  const names: string[] = [];
  for (const id of ids) {
    const student = await reporting.student.findUnique({ where: { id } });
    names.push(student?.name ?? '');
  }
  return names;
}
