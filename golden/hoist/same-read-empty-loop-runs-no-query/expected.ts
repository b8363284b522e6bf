// The count of open coupons is the same on every iteration. Read once before the loop, it
// would still run for an empty set of products, where the original runs no query: it runs
// only when there is at least one.
export async function couponShares(productIds: Set<number>) {
  const shares: { productId: number; share: number }[] = [];
  const couponCount = productIds.size === 0 ? 0 : await prisma.coupon.count({ where: { code: { not: null } } });
  for (const productId of productIds) {
    const open = couponCount;
    shares.push({ productId, share: open === 0 ? 0 : 1 / open });
  }
  return shares;
}
