// `schoolId` is optional: a filter without one counts every student, which a groupBy by
// school cannot give (and `in` rejects undefined).
export async function schoolCounts(filters: { schoolId?: number }[]) {
  const counts = await Promise.all(filters.map((filter) => prisma.student.count({ where: { school_id: filter.schoolId } })));
  return counts;
}
