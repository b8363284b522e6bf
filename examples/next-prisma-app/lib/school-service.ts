import { prisma } from './prisma';

// What the school overview page shows: the school and five counts, read at once.
export async function getSchoolOverview(schoolId: number) {
  const [school, students, classes, teachers, assessments, visits] = await Promise.all([
    prisma.pilotSchool.findUnique({
      where: { id: schoolId },
      select: { id: true, school_name: true, province: true },
    }),
    prisma.student.count({ where: { pilot_school_id: schoolId, is_active: true } }),
    prisma.schoolClass.count({ where: { school_id: schoolId } }),
    prisma.user.count({ where: { pilot_school_id: schoolId, role: 'teacher' } }),
    prisma.assessment.count({ where: { pilot_school_id: schoolId } }),
    prisma.mentoringVisit.count({ where: { pilot_school_id: schoolId } }),
  ]);
  return { school, students, classes, teachers, assessments, visits };
}
