// Nothing bounds how many students a school has: a groupBy takes its `in` list as bind
// parameters (32,766 at most on PostgreSQL) and Prisma does not split it, so the groupBy runs
// on at most 30,000 ids at a time, one part after another.
export async function assessmentCounts(schoolId: number) {
  const students = await prisma.student.findMany({ where: { school_id: schoolId }, select: { id: true } });
  const counts = await Promise.all(students.map((student) => prisma.assessment.count({ where: { student_id: student.id } })));
  return counts;
}
