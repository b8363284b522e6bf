export async function GET() {
  const classes = await prisma.schoolClass.findMany({
    include: {
      students: {
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
        take: 10
      }
    }
  });
  return Response.json(classes);
}
