export async function GET() {
  const classes = await prisma.schoolClass.findMany({
    include: { school: { select: { school_name: true } }, students: { select: { id: true, name: true }, take: 10, orderBy: { id: 'desc' } } },
    take: 20,
  });
  return Response.json(classes);
}
