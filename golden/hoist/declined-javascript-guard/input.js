// JavaScript: the guard skips items whose id is not a number, and nothing else says what the
// skipped items hold; a string among the keys would fail the read of every item.
export async function stockOf(items) {
  const out = [];
  for (const item of items) {
    if (typeof item.productId !== 'number') continue;
    const product = await prisma.product.findUnique({ where: { id: item.productId } });
    out.push(product ? product.stock : 0);
  }
  return out;
}
