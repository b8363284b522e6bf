type Pupil = { id: number; mentorId: number | null };

export async function mentorVisitCounts(pupils: Pupil[]) {
  return await Promise.all(
    pupils.map(async (pupil) => {
      if (pupil.mentorId === null) return 0;
      return await prisma.visit.count({ where: { student_id: pupil.mentorId } });
    }),
  );
}
