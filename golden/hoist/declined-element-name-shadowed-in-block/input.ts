// Inside the branch `line` is the replacement line, not the loop's element: keys read from
// the elements before the loop would count the reviews of the wrong products.
export async function reviewCounts(lines: { productId: number; replacedBy?: { productId: number } }[]) {
  const counts: number[] = [];
  for (const line of lines) {
    if (line.replacedBy) {
      const line = { productId: 0 };
      counts.push(await prisma.review.count({ where: { productId: line.productId } }));
    }
  }
  return counts;
}
