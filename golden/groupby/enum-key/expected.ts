import { Role } from './generated/prisma/enums';

export async function roleCounts(roles: Role[]) {
  const userRoleGroups = await inChunks(roles, 30000, (chunk) => prisma.user.groupBy({
    by: ['role'],
    where: { role: { in: chunk }, is_active: true },
    _count: { _all: true },
  }));
  const userCountsByRole = new Map(userRoleGroups.map((group) => [group.role, group._count._all] as const));
  const counts = roles.map((role) => {
    const count = userCountsByRole.get(role) ?? 0;
    return [role, count] as const;
  });
  return Object.fromEntries(counts);
}

/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all
 * the rows in order: one `in` list longer than the database's parameter limit would fail.
 * (added by poolfix) */
async function inChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => PromiseLike<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await read(keys.slice(start, start + size))));
  return rows;
}
