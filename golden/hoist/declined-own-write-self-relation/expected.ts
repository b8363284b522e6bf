// Category relates to itself: a write to one category may change others (a cascade down the
// tree), which the lookup would still hold. Declined.
export async function hide(ids: number[]) {
  for (const id of ids) {
    const category = await prisma.category.findUnique({ where: { id } });
    if (!category || category.hidden) continue;
    await prisma.category.update({ where: { id }, data: { hidden: true } });
  }
}
