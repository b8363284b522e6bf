import { endOfMonth, startOfMonth, subMonths } from 'date-fns';

// A year of signups per plan, month by month, counted against "now".
export async function signupTrend(plan: string) {
  const trend = [];
  const windowsNow = new Date();
  const signupWindow = (i: number) => {
    const monthStart = startOfMonth(subMonths(new Date(windowsNow), i));
    const monthEnd = endOfMonth(subMonths(new Date(windowsNow), i));
    return { monthStart, monthEnd };
  };
  const signupWindows: ReturnType<typeof signupWindow>[] = [];
  for (let i = 11; i >= 0; i--) signupWindows.push(signupWindow(i));
  const signupRows = await prisma.signup.findMany({
    where: {
      createdAt: {
        gte: new Date(Math.min(...signupWindows.map((bounds) => bounds.monthStart.getTime()))),
        lte: new Date(Math.max(...signupWindows.map((bounds) => bounds.monthEnd.getTime()))),
      },
    },
    select: { createdAt: true },
  });
  const signupRows_2 = await prisma.signup.findMany({
    where: {
      plan,
      createdAt: {
        gte: new Date(Math.min(...signupWindows.map((bounds) => bounds.monthStart.getTime()))),
        lte: new Date(Math.max(...signupWindows.map((bounds) => bounds.monthEnd.getTime()))),
      },
    },
    select: { createdAt: true },
  });
  for (let i = 11; i >= 0; i--) {
    const { monthStart, monthEnd } = signupWindow(i);
    const [all, ofPlan] = await Promise.all([
      signupRows.filter((row) => row.createdAt >= monthStart && row.createdAt <= monthEnd).length,
      signupRows_2.filter((row) => row.createdAt >= monthStart && row.createdAt <= monthEnd).length,
    ]);
    trend.push({ month: monthStart.toISOString().slice(0, 7), all, ofPlan });
  }
  return trend;
}
