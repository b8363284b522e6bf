export async function GET() {
  const tree = await prisma.category.findMany({
    where: { parent_id: null },
    include: { parent: true, children: { include: { children: true } } },
  });
  return Response.json(tree);
}
