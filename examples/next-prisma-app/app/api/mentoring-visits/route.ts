import type { Prisma } from '../../../generated/prisma/client';
import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const page = parseInt(searchParams.get('page') || '1');
    const limit = parseInt(searchParams.get('limit') || '10');
    const mentorId = searchParams.get('mentor_id');
    const skip = (page - 1) * limit;

    const where: Prisma.MentoringVisitWhereInput = {};
    if (mentorId) where.mentor_id = parseInt(mentorId);

    const [mentoringVisits, total] = await Promise.all([
      prisma.mentoringVisit.findMany({
        where,
        include: {
          mentor: {
            select: { id: true, name: true },
          },
          school: {
            select: { id: true, school_name: true },
          },
        },
        skip,
        take: limit,
        orderBy: [{ visit_date: 'desc' }, { id: 'desc' }],
      }),
      prisma.mentoringVisit.count({ where }),
    ]);

    return Response.json({
      mentoringVisits,
      pagination: { page, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching mentoring visits:', error);
    return Response.json({ error: 'Failed to fetch mentoring visits' }, { status: 500 });
  }
}
