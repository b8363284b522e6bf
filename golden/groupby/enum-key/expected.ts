import { Role } from './generated/prisma/enums';

export async function roleCounts(roles: Role[]) {
  const userRoleGroups = await prisma.user.groupBy({
    by: ['role'],
    where: { role: { in: roles }, is_active: true },
    _count: { _all: true },
  });
  const userCountsByRole = new Map(userRoleGroups.map((group) => [group.role, group._count._all] as const));
  const counts = roles.map((role) => {
    const count = userCountsByRole.get(role) ?? 0;
    return [role, count] as const;
  });
  return Object.fromEntries(counts);
}
