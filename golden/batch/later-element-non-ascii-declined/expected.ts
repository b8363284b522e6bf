import { loadLabel } from './labels';

export async function GET() {
  const [students, teachers, schools, visits, classes, label] = await Promise.all([
    prisma.student.count(),
    prisma.user.count({ where: { role: 'teacher' } }),
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(),
    prisma.schoolClass.count(),
    loadLabel('ថ្នាក់ទី១ ថ្នាក់ទី២ ថ្នាក់ទី៣'),
  ]);
  return Response.json({ students, teachers, schools, visits, classes, label });
}
