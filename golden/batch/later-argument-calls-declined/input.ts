import { currentSchool } from './session';

export async function summary() {
  const [students, teachers, schools, visits, classes] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count({ where: { school_id: currentSchool() } }),
  ]);
  return { students, teachers, schools, visits, classes };
}
