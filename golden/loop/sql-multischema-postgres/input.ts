export async function dailyLogins(today: Date) {
  const perDay: number[] = [];
  for (let d = 6; d >= 0; d--) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - d));
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - d + 1));
    perDay.push(await prisma.loginEvent.count({ where: { kind: 'password', happened: { gte: start, lt: end } } }));
  }
  return perDay;
}
