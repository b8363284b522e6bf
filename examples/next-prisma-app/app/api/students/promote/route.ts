import { prisma } from '../../../../lib/prisma';

// Moves each listed student up one grade, at most to grade 6, one id at a time. An id may be
// listed several times: each time moves the student up once more, so each step must see the
// grade the step before it wrote. An unknown id is reported and skipped. The response lists
// every step with the grade it saw, then the students as they are afterwards. At most ten
// steps per request.
export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const ids = (url.searchParams.get('ids') ?? '')
      .split(',')
      .filter((part) => part !== '')
      .map((part) => Number(part))
      .slice(0, 10);
    if (ids.some((id) => !Number.isInteger(id))) {
      return Response.json({ error: 'ids must be integers' }, { status: 400 });
    }
    const steps: { id: number; seen: number | null; promoted: boolean }[] = [];
    for (const id of ids) {
      const student = await prisma.student.findUnique({ where: { id } });
      if (!student) {
        steps.push({ id, seen: null, promoted: false });
        continue;
      }
      const promoted = student.grade < 6;
      if (promoted) {
        await prisma.student.update({ where: { id }, data: { grade: { increment: 1 } } });
      }
      steps.push({ id, seen: student.grade, promoted });
    }
    const students = await prisma.student.findMany({
      where: { id: { in: ids } },
      select: { id: true, grade: true },
      orderBy: { id: 'asc' },
    });
    return Response.json({ steps, students });
  } catch (error) {
    console.error('Error promoting students:', error);
    return Response.json({ error: 'Failed to promote the students' }, { status: 500 });
  }
}
