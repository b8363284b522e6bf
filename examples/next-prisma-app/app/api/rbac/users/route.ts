import type { Prisma, Role } from '../../../../generated/prisma/client';
import { prisma } from '../../../../lib/prisma';

const ROLES: Role[] = ['admin', 'coordinator', 'mentor', 'teacher', 'viewer'];

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const page = parseInt(searchParams.get('page') || '1');
    const limit = parseInt(searchParams.get('limit') || '20');
    const role = searchParams.get('role');
    const search = searchParams.get('search');
    const offset = (page - 1) * limit;

    const where: Prisma.UserWhereInput = {};
    if (role && ROLES.includes(role as Role)) {
      where.role = role as Role;
    }
    if (search) {
      where.OR = [
        { name: { contains: search, mode: 'insensitive' } },
        { email: { contains: search, mode: 'insensitive' } },
      ];
    }

    const [users, totalCount, schools] = await Promise.all([
      prisma.user.findMany({
        where,
        include: {
          pilot_school: {
            select: { id: true, school_name: true },
          },
          user_pilot_school_assignments: {
            include: {
              pilot_school: {
                select: { id: true, school_name: true },
              },
            },
            orderBy: [{ assigned_at: 'desc' }, { id: 'desc' }],
          },
        },
        orderBy: [{ created_at: 'desc' }, { id: 'desc' }],
        skip: offset,
        take: limit
      }),
      prisma.user.count({ where }),
      // Options for the "assign school" picker
      prisma.pilotSchool.findMany({
        select: { id: true, school_name: true, province: true },
        orderBy: [{ school_name: 'asc' }, { id: 'asc' }],
      })
    ]);

    return Response.json({
      users: users.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        is_active: user.is_active,
        last_login_at: user.lastLoginAt,
        pilot_school: user.pilot_school,
        assigned_schools: user.user_pilot_school_assignments.map((assignment) => ({
          ...assignment.pilot_school,
          assigned_at: assignment.assigned_at,
        })),
      })),
      schools,
      pagination: {
        page,
        limit,
        total: totalCount,
        totalPages: Math.ceil(totalCount / limit),
      },
    });
  } catch (error) {
    console.error('Error fetching users:', error);
    return Response.json({ error: 'Failed to fetch users' }, { status: 500 });
  }
}
