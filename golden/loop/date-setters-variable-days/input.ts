// The last `days` days, each counted from midnight to midnight (local time).
export async function dailyPayments(days: number, today: Date) {
  const perDay = [];
  for (let i = days - 1; i >= 0; i--) {
    const dayStart = new Date(today);
    dayStart.setDate(dayStart.getDate() - i);
    dayStart.setHours(0, 0, 0, 0);
    const dayEnd = new Date(dayStart);
    dayEnd.setDate(dayEnd.getDate() + 1);
    const stats = await prisma.payment.aggregate({
      where: { paidAt: { gte: dayStart, lt: dayEnd } },
      _count: { _all: true, refunded: true },
      _min: { amount: true },
      _max: { amount: true, refunded: true },
    });
    perDay.push({ day: dayStart.toDateString(), ...stats });
  }
  return perDay;
}
