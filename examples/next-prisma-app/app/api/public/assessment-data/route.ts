import { prisma } from '../../../../lib/prisma';

// Public landing page chart: how many assessments reached each level, per subject.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const subject = searchParams.get('subject') || 'khmer';

    const levels = [
      'beginner',
      'letter',
      'word',
      'paragraph',
      'story',
      'comprehension1',
      'comprehension2',
    ];

    const assessmentCounts = await Promise.all(
      levels.map(async (level) => {
        const count = await prisma.assessment.count({
          where: { subject, level },
        });
        return count;
      })
    );

    const [baseline, midline, endline] = await Promise.all([
      prisma.assessment.count({ where: { subject, assessment_type: 'baseline' } }),
      prisma.assessment.count({ where: { subject, assessment_type: 'midline' } }),
      prisma.assessment.count({ where: { subject, assessment_type: 'endline' } }),
    ]);

    return Response.json({
      subject,
      chartData: levels.map((level, index) => ({
        level,
        count: assessmentCounts[index],
      })),
      cycles: { baseline, midline, endline },
      total: assessmentCounts.reduce((sum, count) => sum + count, 0),
    });
  } catch (error) {
    console.error('Error fetching public assessment data:', error);
    return Response.json({ error: 'Failed to fetch assessment data' }, { status: 500 });
  }
}
