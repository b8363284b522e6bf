export async function firstScores(studentIds: number[]) {
  return await Promise.all(
    studentIds.map((id) =>
      prisma.assessment.aggregate({
        where: { student_id: id },
        orderBy: { assessed_date: 'asc' },
        take: 3,
        _sum: { score: true },
      }),
    ),
  );
}
