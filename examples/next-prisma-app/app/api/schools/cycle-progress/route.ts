import { prisma } from '../../../../lib/prisma';

// Per school: how many assessments each test cycle has (three counts that differ only in the
// cycle) and its active students' grades (one aggregate), every school at once. The school
// that left the pilot has no rows: its counts are 0 and its sums and averages null.
export async function GET() {
  try {
    const schools = await prisma.pilotSchool.findMany({ select: { id: true, school_name: true }, orderBy: { id: 'asc' } });
    const progress = await Promise.all(
      schools.map(async (school) => {
        const baseline = await prisma.assessment.count({ where: { pilot_school_id: school.id, assessment_type: 'baseline' } });
        const midline = await prisma.assessment.count({ where: { pilot_school_id: school.id, assessment_type: 'midline' } });
        const endline = await prisma.assessment.count({ where: { pilot_school_id: school.id, assessment_type: 'endline' } });
        const grades = await prisma.student.aggregate({
          where: { pilot_school_id: school.id, is_active: true },
          _avg: { grade: true },
          _sum: { grade: true },
          _min: { created_at: true },
          _max: { grade: true },
          _count: true,
        });
        return { school: school.school_name, baseline, midline, endline, grades };
      })
    );
    return Response.json({ progress });
  } catch (error) {
    console.error('Error fetching the cycle progress:', error);
    return Response.json({ error: 'Failed to fetch the cycle progress' }, { status: 500 });
  }
}
