import { prisma } from './prisma';

export type Mentor = { id: number; name: string };

// Route handlers for one mentor: every request first loads the mentor `?mentor_id=` names,
// and answers 404 when there is none.
export function withMentor(handler: (request: Request, mentor: Mentor) => Promise<Response>) {
  return async (request: Request) => {
    const id = parseInt(new URL(request.url).searchParams.get('mentor_id') || '');
    const mentor = Number.isNaN(id)
      ? null
      : await prisma.user.findFirst({ where: { id, role: 'mentor' }, select: { id: true, name: true } });
    if (!mentor) return Response.json({ error: 'Unknown mentor' }, { status: 404 });
    return handler(request, mentor);
  };
}
