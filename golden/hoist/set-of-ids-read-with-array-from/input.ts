// The ids are a Set (duplicates dropped): it has no `.map`, so its keys are read with
// Array.from, which iterates it as the loop does.
export async function namesOf(ids: number[]) {
  const unique = new Set(ids);
  const names: string[] = [];
  for (const id of unique) {
    const product = await prisma.product.findUnique({ where: { id } });
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
