import { reportTo } from './errors';

export async function GET() {
  const [students, teachers, schools, visits, classes] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count().catch(reportTo('classes')),
  ]);
  return Response.json({ students, teachers, schools, visits, classes });
}
