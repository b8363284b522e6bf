// A report read in one interactive transaction (one snapshot with the isolation level asked
// for): six monthly counts on the transaction client. The windows become one $queryRaw on
// `tx`, in the callback, where the counts ran.
export async function halfYear(today: Date) {
  return prisma.$transaction(
    async (tx) => {
      const months: number[] = [];
      for (let back = 5; back >= 0; back--) {
        const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
        const until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 1));
        months.push(await tx.assessment.count({ where: { assessed_date: { gte: from, lt: until } } }));
      }
      return months;
    },
    { isolationLevel: "RepeatableRead" },
  );
}
