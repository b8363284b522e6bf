// The latest review of each product, by index. The same product may be asked for twice: both
// get the one row object, which only goes into the response.
async function latestReviews(productIds: number[]) {
  const latest = [];
  for (let i = 0; i < productIds.length; i++) {
    const review = await prisma.review.findFirst({
      where: { productId: productIds[i], rating: { gte: 1 } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    latest.push(review);
  }
  return latest;
}

export async function GET(request: Request) {
  const ids = new URL(request.url).searchParams.getAll('id').map(Number);
  return Response.json(await latestReviews(ids));
}
