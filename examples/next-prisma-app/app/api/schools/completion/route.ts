import { prisma } from '../../../../lib/prisma';

// How far each school got: how many of its assessments are verified, out of all, as a
// percentage, and its completed mentoring visits, counted only for schools whose district
// starts with a K. Schools outside the requested province get null, and each school is logged
// as it is done. A rewrite must leave the guard, the log line and the arithmetic where they
// are: only the counts may become lookups.
export async function GET(request: Request) {
  try {
    const province = new URL(request.url).searchParams.get('province');
    const schools = await prisma.pilotSchool.findMany({
      select: { id: true, school_name: true, province: true, district: true },
      orderBy: { id: 'asc' },
    });
    const completion = await Promise.all(
      schools.map(async (school) => {
        if (province && school.province !== province) return null;
        const total = await prisma.assessment.count({ where: { pilot_school_id: school.id, is_temporary: false } });
        const verified = await prisma.assessment.count({
          where: { pilot_school_id: school.id, is_temporary: false, verified_at: { not: null } },
        });
        let visits = 0;
        if (school.district.startsWith('K')) {
          visits = await prisma.mentoringVisit.count({ where: { pilot_school_id: school.id, status: 'completed' } });
        }
        const share = total ? verified / total : 0;
        console.log(`completion of ${school.school_name}: ${verified} of ${total} verified`);
        return { school: school.school_name, total, verified, percent: (share * 100).toFixed(1), visits };
      })
    );
    return Response.json({ completion });
  } catch (error) {
    console.error('Error fetching the completion by school:', error);
    return Response.json({ error: 'Failed to fetch the completion by school' }, { status: 500 });
  }
}
