export async function latestForActive(pupils: { id: number; name: string; active: boolean }[]) {
  return await Promise.all(
    pupils.map(async (pupil) => {
      if (pupil.name === '') throw new RangeError(`pupil ${pupil.id} has no name`);
      let assessed = 0;
      if (pupil.active) {
        assessed = await prisma.assessment.count({ where: { student_id: pupil.id } });
      } else {
        console.warn('inactive pupil', pupil.id);
      }
      return { id: pupil.id, assessed };
    }),
  );
}
