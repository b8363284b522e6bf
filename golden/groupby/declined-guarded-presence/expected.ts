type Pupil = { id: number };

export async function maybePupils(pupils: Pupil[]) {
  return await Promise.all(
    pupils.map(async (pupil) => {
      if (!pupil) return 0;
      return await prisma.visit.count({ where: { student_id: pupil.id } });
    }),
  );
}
