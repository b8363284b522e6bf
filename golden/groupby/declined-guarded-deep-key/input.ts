type Enrolment = { active: boolean; pupil: { id: number } };

export async function activeVisits(enrolments: Enrolment[]) {
  return await Promise.all(
    enrolments.map(async (enrolment) => {
      if (!enrolment.active) return 0;
      // two properties deep: for the skipped elements it might not be there
      return await prisma.visit.count({ where: { student_id: enrolment.pupil.id } });
    }),
  );
}
