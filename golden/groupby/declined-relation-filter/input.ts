export async function perSchool(schoolIds: number[]) {
  return await Promise.all(
    schoolIds.map((schoolId) => prisma.assessment.count({ where: { student: { school_id: schoolId } } })),
  );
}
