import { prisma } from '../../../../lib/prisma';

// Why a placement was refused, and the status that says so.
class PlacementError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// The listed students (at most ten) as they are now, for the response.
async function placements(ids: number[]) {
  return prisma.student.findMany({
    where: { id: { in: ids } },
    select: { id: true, class_id: true },
    orderBy: { id: 'asc' },
    take: 10,
  });
}

// Places each listed student in one class, all in one interactive transaction: either every
// student is placed or, when one is unknown or belongs to another school, none is (the throw
// rolls the transaction back). An id may be listed twice: the second step must see the class
// the first one wrote. The response lists each step with the class it saw, then the students as
// they are afterwards. At most ten ids per request.
export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const classId = Number(url.searchParams.get('class_id'));
    const ids = (url.searchParams.get('ids') ?? '')
      .split(',')
      .filter((part) => part !== '')
      .map((part) => Number(part))
      .slice(0, 10);
    if (!Number.isInteger(classId) || ids.some((id) => !Number.isInteger(id))) {
      return Response.json({ error: 'class_id and ids must be integers' }, { status: 400 });
    }
    let outcome: { status: number; body: object };
    try {
      const steps = await prisma.$transaction(async (tx) => {
        const target = await tx.schoolClass.findUnique({ where: { id: classId } });
        if (!target) throw new PlacementError(404, `no class ${classId}`);
        const done: { id: number; seen: number | null; moved: boolean }[] = [];
        for (const id of ids) {
          const student = await tx.student.findUnique({ where: { id } });
          if (!student) throw new PlacementError(404, `no student ${id}`);
          if (student.pilot_school_id !== target.school_id) {
            throw new PlacementError(409, `student ${id} is not in the class's school`);
          }
          const moved = student.class_id !== classId;
          if (moved) {
            await tx.student.update({ where: { id }, data: { class_id: classId } });
          }
          done.push({ id, seen: student.class_id, moved });
        }
        return done;
      });
      outcome = { status: 200, body: { steps } };
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      outcome = { status: error.status, body: { error: error.message } };
    }
    return Response.json({ ...outcome.body, students: await placements(ids) }, { status: outcome.status });
  } catch (error) {
    console.error('Error placing students:', error);
    return Response.json({ error: 'Failed to place the students' }, { status: 500 });
  }
}
