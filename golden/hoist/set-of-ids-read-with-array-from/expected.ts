// The ids are a Set (duplicates dropped): it has no `.map`, so its keys are read with
// Array.from, which iterates it as the loop does.
export async function namesOf(ids: number[]) {
  const unique = new Set(ids);
  const names: string[] = [];
  const productRows = await prisma.product.findMany({ where: { id: { in: Array.from(unique, (id) => id) } } });
  const productById = new Map(productRows.map((row) => [row.id, row] as const));
  for (const id of unique) {
    const product = productById.get(id) ?? null;
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
