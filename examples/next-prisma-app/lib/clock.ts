// The reports are relative to today. POOLFIX_NOW (an ISO date, e.g. 2025-10-10T12:00:00Z)
// pins "today" so that seeded data and the monthly trends line up in tests and demos;
// production leaves it unset.
export function now(): Date {
  const pinned = process.env.POOLFIX_NOW;
  if (!pinned) return new Date();

  const date = new Date(pinned);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`POOLFIX_NOW is not a date: ${pinned}`);
  }
  return date;
}
