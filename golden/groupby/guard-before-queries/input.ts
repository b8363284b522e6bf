type Pupil = { id: number; name: string };

export async function visitTotals(pupils: Pupil[]) {
  return await Promise.all(
    pupils.map(async (pupil) => {
      if (!pupil.name) return null;
      const visits = await prisma.visit.count({ where: { student_id: pupil.id, verified: true } });
      return { name: pupil.name, visits };
    }),
  );
}
