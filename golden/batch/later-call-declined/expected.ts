import { loadWeather } from './weather';

export async function summary() {
  const [students, teachers, schools, visits, classes, weather] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    loadWeather(), // not a Prisma query: it starts as soon as it is called
  ]);
  return { students, teachers, schools, visits, classes, weather };
}
