// A report read in one interactive transaction (one snapshot with the isolation level asked
// for): six monthly counts on the transaction client. The windows become one $queryRaw on
// `tx`, in the callback, where the counts ran.
export async function halfYear(today: Date) {
  return prisma.$transaction(
    async (tx) => {
      const months: number[] = [];
      const assessmentWindow = (back: number) => {
        const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
        const until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 1));
        return { from, until };
      };
      const assessmentWindows: ReturnType<typeof assessmentWindow>[] = [];
      for (let back = 5; back >= 0; back--) assessmentWindows.push(assessmentWindow(back));
      const assessmentRows = (await tx.$queryRaw`
        SELECT COUNT(t."assessment_date")::int AS count
        FROM unnest(${assessmentWindows.map((bounds) => bounds.from.toISOString())}::timestamp[], ${assessmentWindows.map((bounds) => bounds.until.toISOString())}::timestamp[]) WITH ORDINALITY AS w(lo, hi, idx)
        LEFT JOIN "assessments" t ON t."assessment_date" >= w.lo AND t."assessment_date" < w.hi
        GROUP BY w.idx ORDER BY w.idx`) as { count: number }[];
      let assessmentNextWindow = 0;
      for (let back = 5; back >= 0; back--) {
        const { from, until } = assessmentWindow(back);
        const assessmentWindowIndex = assessmentNextWindow++;
        months.push(assessmentRows[assessmentWindowIndex].count);
      }
      return months;
    },
    { isolationLevel: "RepeatableRead" },
  );
}
