import type { Prisma } from '../../../generated/prisma/client';
import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const page = parseInt(searchParams.get('page') || '1');
    const limit = parseInt(searchParams.get('limit') || '20');
    const schoolId = searchParams.get('school_id');
    const skip = (page - 1) * limit;

    const where: Prisma.SchoolClassWhereInput = {};
    if (schoolId) where.school_id = parseInt(schoolId);

    const [classes, total] = await Promise.all([
      prisma.schoolClass.findMany({
        where,
        include: {
          school: {
            select: { id: true, school_name: true },
          },
          students: {
            select: { id: true, name: true, gender: true },
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
          },
        },
        skip,
        take: limit,
        orderBy: [{ grade: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      }),
      prisma.schoolClass.count({ where }),
    ]);

    return Response.json({
      classes,
      pagination: { page, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching classes:', error);
    return Response.json({ error: 'Failed to fetch classes' }, { status: 500 });
  }
}
