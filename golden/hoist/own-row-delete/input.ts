// Movement has no relation: deleting one of its rows changes no other.
export async function undo(ids: number[]) {
  let undone = 0;
  for (const id of ids) {
    const movement = await prisma.movement.findUnique({ where: { id } });
    if (!movement) continue;
    await prisma.movement.delete({ where: { id } });
    undone += movement.quantity;
  }
  return undone;
}
