import { prisma } from '@/lib/prisma';

export default async function Dashboard({ schoolId }: { schoolId: number }) {
  const [students, assessments, teachers] = await Promise.all([
    prisma.student.count({ where: { pilot_school_id: schoolId } }),
    prisma.assessment.count({ where: { pilot_school_id: schoolId } }),
    prisma.user.count({ where: { pilot_school_id: schoolId, role: 'teacher' } }),
  ]);
  const [visits, classes] = await Promise.all([
    prisma.mentoringVisit.count({ where: { pilot_school_id: schoolId } }),
    prisma.schoolClass.count({ where: { school_id: schoolId } }),
  ]);
  return (
    <section className="stats">
      <h1>School {schoolId}</h1>
      <p>{students} students, {assessments} assessments, {teachers} teachers</p>
      <p>{visits} visits, {classes} classes</p>
    </section>
  );
}
