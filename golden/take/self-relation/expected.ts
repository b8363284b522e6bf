export async function GET() {
  const tree = await prisma.category.findMany({
    where: { parent_id: null },
    include: { parent: true, children: { include: { children: { take: 10 } }, take: 10 } },
  });
  return Response.json(tree);
}
