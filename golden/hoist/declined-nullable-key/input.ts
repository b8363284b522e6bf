export async function couponsFor(codes: string[]) {
  const out = [];
  for (const code of codes) {
    out.push(await prisma.coupon.findFirst({ where: { code } }));
  }
  return out;
}
