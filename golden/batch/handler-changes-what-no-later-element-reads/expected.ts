// The first handler counts failures in `errors`, which no later element reads: the batches
// build the same arguments as before.
export async function GET(request: Request) {
  const schoolId = Number(new URL(request.url).searchParams.get('school'));
  const errors: unknown[] = [];
  const [students, teachers, visits] = await Promise.all([
    prisma.student.count({ where: { schoolId } }).catch((error) => {
      errors.push(error);
      return 0;
    }),
    prisma.user.count({ where: { role: 'teacher', schoolId } }),
    prisma.mentoringVisit.count({ where: { schoolId } }),
  ]);
  const [classes, assessments] = await Promise.all([
    prisma.schoolClass.count({ where: { schoolId } }),
    prisma.assessment.count({ where: { schoolId } }),
  ]);
  return Response.json({ students, teachers, visits, classes, assessments, errors: errors.length });
}
