import { prisma } from '../../../../lib/prisma';

// The level chart's labels as shown, and how many assessments of each subject reached them:
// the stored level is computed from the label, and two counts run per label.
const LEVEL_LABELS = ['Beginner', 'Letter', 'Word', 'Paragraph', 'Story', 'Comprehension 1', 'Comprehension 2'];

export async function GET() {
  try {
    const breakdown = await Promise.all(
      LEVEL_LABELS.map(async (label) => {
        const [khmer, math] = await Promise.all([
          prisma.assessment.count({ where: { subject: 'khmer', level: label.toLowerCase().replace(/\s+/g, '') } }),
          prisma.assessment.count({ where: { subject: 'math', level: label.toLowerCase().replace(/\s+/g, '') } }),
        ]);
        return { label, khmer, math };
      })
    );
    // Students per grade, grade 1 to 6: the fan-out's elements are its indexes.
    const grades = await Promise.all(
      Array.from({ length: 6 }, (_, i) => prisma.student.count({ where: { grade: i + 1, is_active: true } }))
    );
    return Response.json({ breakdown, grades });
  } catch (error) {
    console.error('Error fetching the level breakdown:', error);
    return Response.json({ error: 'Failed to fetch the level breakdown' }, { status: 500 });
  }
}
