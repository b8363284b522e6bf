import { Role } from './generated/prisma/enums';

export async function roleCounts(roles: Role[]) {
  const counts = await Promise.all(
    roles.map(async (role) => {
      const count = await prisma.user.count({ where: { role, is_active: true } });
      return [role, count] as const;
    }),
  );
  return Object.fromEntries(counts);
}
