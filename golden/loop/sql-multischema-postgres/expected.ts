export async function dailyLogins(today: Date) {
  const perDay: number[] = [];
  const loginEventWindow = (d: number) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - d));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - d + 1));
    return { start, end };
  };
  const loginEventWindows: ReturnType<typeof loginEventWindow>[] = [];
  for (let d = 6; d >= 0; d--) loginEventWindows.push(loginEventWindow(d));
  const loginEventRows = (await prisma.$queryRaw`
    SELECT COUNT(t."happened_at")::int AS count
    FROM unnest(${loginEventWindows.map((bounds) => bounds.start.toISOString())}::timestamp[], ${loginEventWindows.map((bounds) => bounds.end.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
    LEFT JOIN "audit"."login_events" t ON t."happened_at" >= w.lo AND t."happened_at" < w.hi AND t."kind" = ${'password'}
    GROUP BY w.idx ORDER BY w.idx`) as { count: number }[];
  let loginEventNextWindow = 0;
  for (let d = 6; d >= 0; d--) {
    const { start, end } = loginEventWindow(d);
    const loginEventWindowIndex = loginEventNextWindow++;
    perDay.push(loginEventRows[loginEventWindowIndex].count);
  }
  return perDay;
}
