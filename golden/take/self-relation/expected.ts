export async function GET() {
  const tree = await prisma.category.findMany({
    where: { parent_id: null },
    include: { parent: true, children: { include: { children: { take: 10, orderBy: { id: 'desc' } } }, take: 10, orderBy: { id: 'desc' } } },
  });
  return Response.json(tree);
}
