import { prisma } from '../../../../lib/prisma';

// Each school with its latest mentoring visit and its number of active students: a read of
// each kind per school, in a loop.
export async function GET() {
  try {
    const schools = await prisma.pilotSchool.findMany({
      select: { id: true, school_name: true },
      orderBy: { id: 'asc' },
    });
    const summary = [];
    for (const school of schools) {
      const lastVisit = await prisma.mentoringVisit.findFirst({
        where: { pilot_school_id: school.id },
        select: { id: true, pilot_school_id: true, visit_date: true, status: true },
        orderBy: [{ visit_date: 'desc' }, { id: 'desc' }],
      });
      const students = await prisma.student.count({ where: { pilot_school_id: school.id, is_active: true } });
      summary.push({ id: school.id, name: school.school_name, lastVisit, students });
    }
    return Response.json({ schools: summary });
  } catch (error) {
    console.error('Error fetching the visit summary:', error);
    return Response.json({ error: 'Failed to fetch the visit summary' }, { status: 500 });
  }
}
