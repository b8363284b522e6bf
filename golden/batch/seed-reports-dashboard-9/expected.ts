import { prisma } from '../../../../lib/prisma';

export async function GET(request: Request) {
  const url = new URL(request.url);
  const schoolId = url.searchParams.get('school_id');
  const where = schoolId ? { pilot_school_id: Number(schoolId) } : {};

  // Lines 62-133 in the seed: nine queries at once
  const [
    totalStudents,
    totalAssessments,
    totalSchools
  ] = await Promise.all([
    prisma.student.count({ where }),
    prisma.assessment.count({ where }),
    prisma.pilotSchool.count()
  ]);
  const [
    totalTeachers,
    assessments,
    allStudents
  ] = await Promise.all([
    prisma.user.count({ where: { role: 'teacher', is_active: true } }),
    prisma.assessment.findMany({
      where,
      select: { id: true, level: true, assessment_type: true },
      orderBy: { id: 'asc' },
    }),
    prisma.student.findMany({
      where,
      include: { assessments: true },
      orderBy: { id: 'asc' },
    })
  ]);
  const [
    baselineCount,
    midlineCount,
    endlineCount
  ] = await Promise.all([
    prisma.assessment.count({ where: { ...where, assessment_type: 'baseline' } }),
    prisma.assessment.count({ where: { ...where, assessment_type: 'midline' } }),
    prisma.assessment.count({ where: { ...where, assessment_type: 'endline' } })
  ]);

  return Response.json({
    totalStudents,
    totalAssessments,
    totalSchools,
    totalTeachers,
    assessments: assessments.length,
    students: allStudents.length,
    cycles: { baselineCount, midlineCount, endlineCount },
  });
}
