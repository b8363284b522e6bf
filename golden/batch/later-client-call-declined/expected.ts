import { getClient } from './db';

export async function GET() {
  const [students, teachers, schools, visits, classes] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    getClient().schoolClass.count(), // getClient() would run only after the first batch
  ]);
  return Response.json({ students, teachers, schools, visits, classes });
}
