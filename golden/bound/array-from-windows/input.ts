export async function busiestHours(day: Date) {
  return Promise.all(
    Array.from({ length: 24 }, (_, hour) =>
      prisma.visit.findFirst({
        where: { startedAt: { gte: new Date(day.getTime() + hour * 3600000) } },
        orderBy: { startedAt: 'asc' },
      }),
    ),
  );
}
