// How many coupons are still unused, before each code is handed out: the loop hands them out
// itself (in a branch), so the count goes down from one iteration to the next.
export async function handOut(codes: string[]) {
  const unusedBefore: number[] = [];
  for (const code of codes) {
    const unused = await prisma.coupon.count({ where: { code: null } });
    unusedBefore.push(unused);
    if (code.length > 0) {
      await prisma.coupon.updateMany({ where: { code: null, productId: 1 }, data: { code } });
    }
  }
  return unusedBefore;
}
