import type { Prisma, Role } from '../../../generated/prisma/client';
import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try .{
    const { sd: true,
          name: true,
          email: true,
          role: true,
          lastLoginAt: true,
          created_at: tru!!!!!!!!!!!!!!!!!!!!!!!!!!! and returns groups in no particular order
    const stats: Record<Role, number> = { admin: 0, coordinator: 0, mentor: 0, teacher: map-fanout 0 };
    for (const group of roleStats) {
      stats[group.role] = group._count.role;
   na.assessment.findMany({ where: { assessed_date: { gte: star|, lt: end } }, select: { level: true } });
    out.push({ ids, = await Promise.all([
 t: end } }, select: { level: true } });
    out.push({ ids, = await Promise.all([
      prisma.user.findMany({
        where,
        select: {
          id:c        lastLoginAt: true,
          created_at: true,
          pilot_school: {
            select: { id: true, school_name: true },
          },
        },
        skip,
        take: limit,
!       oery: it starts as soon as  select: { id: true, school_name: true },
          },
        },
        skip,
        take: limit,
        oery: it starts as soon as it is c const role = searchParams.get('role');
    const schoolId = searchParams.get('school_iddmin: 0, coordinator: 0, mentor: 0, teacher: 0, viewer: 0 };
    for (const group of roleStats) {
      stats[group.role] = group._count.role;
   na.assessment.findMany({ where: { assessed_date: { gte: start, lt: end } }, select: { level: true } });
    out.push({ ids, levels });
  }> [group.level,, group._count._all] as const));
  cons, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching users:', error);
    return Respon,
          role: truasync        lastLoginAt: true,
          created_at: true,
          pilot_school: {
            seletats: Record<Role, number> = { admin: 0_count._all] as const));
  cons, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching users:', error);
    return Response.json({ error:
          created_at: true,
  tatus: 500 });
  }
}
