// One aggregate per student: sums, averages and extremes of no rows are null, a count 0.
export async function scoreSheet(studentIds: number[]) {
  return await Promise.all(
    studentIds.map(async (id) => {
      const stats = await prisma.assessment.aggregate({
        where: { student_id: id, subject: 'math' },
        _avg: { score: true },
        _sum: { score: true },
        _min: { assessed_date: true },
        _max: { assessed_date: true },
        _count: true,
      });
      return { id, average: stats._avg.score, total: stats._sum.score, first: stats._min.assessed_date, last: stats._max.assessed_date, taken: stats._count };
    }),
  );
}
