import { endOfMonth, startOfMonth, subMonths } from 'date-fns';

// A year of signups per plan, month by month, counted against "now".
export async function signupTrend(plan: string) {
  const trend = [];
  for (let i = 11; i >= 0; i--) {
    const monthStart = startOfMonth(subMonths(new Date(), i));
    const monthEnd = endOfMonth(subMonths(new Date(), i));
    const [all, ofPlan] = await Promise.all([
      prisma.signup.count({ where: { createdAt: { gte: monthStart, lte: monthEnd } } }),
      prisma.signup.count({ where: { plan, createdAt: { gte: monthStart, lte: monthEnd } } }),
    ]);
    trend.push({ month: monthStart.toISOString().slice(0, 7), all, ofPlan });
  }
  return trend;
}
