import { prisma } from '../../../../lib/prisma';

// Each school with its three most recent assessments: a findMany with its own take per
// school, which no single query returns (poolfix bounds the fan-out instead).
export async function GET() {
  try {
    const schools = await prisma.pilotSchool.findMany({
      select: { id: true, school_name: true },
      orderBy: { id: 'asc' },
    });
    const recent = await Promise.all(
      schools.map(async (school) => {
        const assessments = await prisma.assessment.findMany({
          where: { pilot_school_id: school.id },
          select: { id: true, subject: true, level: true, assessed_date: true },
          orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
          take: 3,
        });
        return { id: school.id, name: school.school_name, assessments };
      })
    );
    return Response.json({ schools: recent });
  } catch (error) {
    console.error('Error fetching recent assessments:', error);
    return Response.json({ error: 'Failed to fetch recent assessments' }, { status: 500 });
  }
}
