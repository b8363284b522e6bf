import { prisma } from '../../../../lib/prisma';

// A card per requested student: the student (one findUnique per id) and their latest
// assessment (one findFirst per id, newest first). An unknown id gets nulls; an id asked
// twice gets the same card twice.
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const ids = (url.searchParams.get('ids') ?? '')
      .split(',')
      .filter((part) => part !== '')
      .map((part) => Number(part));
    if (ids.some((id) => !Number.isInteger(id))) {
      return Response.json({ error: 'ids must be integers' }, { status: 400 });
    }
    const cards = await Promise.all(
      ids.map(async (id) => {
        const student = await prisma.student.findUnique({
          where: { id },
          select: { id: true, name: true, grade: true, pilot_school: { select: { school_name: true } } },
        });
        const latest = await prisma.assessment.findFirst({
          where: { student_id: id, is_temporary: false },
          orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
          include: { added_by: { select: { name: true } } },
        });
        return { id, student, latest };
      })
    );
    return Response.json({ cards });
  } catch (error) {
    console.error('Error fetching the latest assessments:', error);
    return Response.json({ error: 'Failed to fetch the latest assessments' }, { status: 500 });
  }
}
