// `sku` inside the branch is the line's own; the `sku` of the function is another value.
// Read once before the loop, the count would filter by the outer one.
export async function reviewCounts(sku: string, lines: { sku: string | null }[]) {
  const counts: number[] = [];
  for (const line of lines) {
    if (line.sku !== null) {
      const sku = line.sku;
      counts.push(await prisma.review.count({ where: { product: { sku } } }));
    }
  }
  return { sku, counts };
}
