// Movement has no relation: deleting one of its rows changes no other.
export async function undo(ids: number[]) {
  let undone = 0;
  const movementKeys = ids.map((id) => id);
  const movementRows = await prisma.movement.findMany({ where: { id: { in: movementKeys } } });
  const movementById = new Map<unknown, (typeof movementRows)[number] | null>(movementKeys.map((key) => [key, null] as const));
  for (const row of movementRows) movementById.set(row.id, row);
  for (const id of ids) {
    const movement = !movementById.has(id) ? await prisma.movement.findUnique({ where: { id } }) : movementById.get(id) ?? null;
    if (!movement) continue;
    movementById.delete(id);
    await prisma.movement.delete({ where: { id } });
    undone += movement.quantity;
  }
  return undone;
}
