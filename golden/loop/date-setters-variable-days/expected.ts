// The last `days` days, each counted from midnight to midnight (local time).
export async function dailyPayments(days: number, today: Date) {
  const perDay = [];
  const paymentWindow = (i: number) => {
    const dayStart = new Date(today);
    dayStart.setDate(dayStart.getDate() - i);
    dayStart.setHours(0, 0, 0, 0);
    const dayEnd = new Date(dayStart);
    dayEnd.setDate(dayEnd.getDate() + 1);
    return { dayStart, dayEnd };
  };
  const paymentWindows: ReturnType<typeof paymentWindow>[] = [];
  for (let i = days - 1; i >= 0; i--) paymentWindows.push(paymentWindow(i));
  const paymentRows = paymentWindows.length === 0 ? [] : await prisma.payment.findMany({
    where: {
      paidAt: {
        gte: new Date(Math.min(...paymentWindows.map((bounds) => bounds.dayStart.getTime()))),
        lte: new Date(Math.max(...paymentWindows.map((bounds) => bounds.dayEnd.getTime()))),
      },
    },
    select: { paidAt: true, refunded: true, amount: true },
  });
  for (let i = days - 1; i >= 0; i--) {
    const { dayStart, dayEnd } = paymentWindow(i);
    const paymentInWindow = paymentRows.filter((row) => row.paidAt >= dayStart && row.paidAt < dayEnd);
    const stats = { _count: { _all: paymentInWindow.length, refunded: paymentInWindow.filter((row) => row.refunded !== null).length }, _min: { amount: paymentInWindow.reduce<number | null>((extreme, row) => ((extreme === null || row.amount < extreme) ? row.amount : extreme), null) }, _max: { amount: paymentInWindow.reduce<number | null>((extreme, row) => ((extreme === null || row.amount > extreme) ? row.amount : extreme), null), refunded: paymentInWindow.reduce<Date | null>((extreme, row) => (row.refunded !== null && (extreme === null || row.refunded > extreme) ? row.refunded : extreme), null) } };
    perDay.push({ day: dayStart.toDateString(), ...stats });
  }
  return perDay;
}
