// A count with `select` gives an object, not a number. Each iteration adds its bonus to the
// object it got; read once before the loop, the bonuses would pile up on one object.
export async function ratingTotals() {
  const bonuses = [1, 2, 3];
  const totals: number[] = [];
  for (const bonus of bonuses) {
    const counts = await prisma.review.count({ select: { _all: true, rating: true } });
    counts._all += bonus;
    totals.push(counts._all);
  }
  return totals;
}
