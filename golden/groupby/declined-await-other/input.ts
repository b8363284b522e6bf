export async function notified(levels: string[]) {
  return await Promise.all(
    levels.map(async (level) => {
      const count = await prisma.assessment.count({ where: { level } });
      await notifyTeachers(level, count);
      return count;
    }),
  );
}
