import type { Prisma, Role } from '../../../generated/prisma/client';
import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const page = parseInt(searchParams.get('page') || '1');
    const limit = parseInt(searchParams.get('limit') || '10');
    const role = searchParams.get('role');
    const schoolId = searchParams.get('school_id');
    const skip = (page - 1) * limit;

    const where: Prisma.UserWhereInput = { is_active: true };
    if (role) {
      where.role = role as Role;
    }
    if (schoolId) {
      where.pilot_school_id = parseInt(schoolId);
    }

    const [users, total] = await Promise.all([
      prisma.user.findMany({
        where,
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          lastLoginAt: true,
          created_at: true,
          pilot_school: {
            select: { id: true, school_name: true },
          },
        },
        skip,
        take: limit,
        orderBy: [{ created_at: 'desc' }, { id: 'desc' }],
      }),
      prisma.user.count({ where })
    ]);

    const roleStats = await prisma.user.groupBy({
      by: ['role'],
      where,
      _count: { role: true },
    });

    // groupBy leaves out roles with no users and returns groups in no particular order
    const stats: Record<Role, number> = { admin: 0, coordinator: 0, mentor: 0, teacher: 0, viewer: 0 };
    for (const group of roleStats) {
      stats[group.role] = group._count.role;
    }

    return Response.json({
      users,
      stats,
      pagination: { page, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching users:', error);
    return Response.json({ error: 'Failed to fetch users' }, { status: 500 });
  }
}
