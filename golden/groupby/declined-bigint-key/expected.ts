export async function perSchool(schools: number[]) {
  return await Promise.all(schools.map((school) => prisma.enrolment.count({ where: { school_ref: school } })));
}
