export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: {
      classes: {
        include: {
          students: {
            include: { assessments: { select: { level: true }, take: 10, orderBy: { id: 'desc' } } },
            take: 10,
            orderBy: { id: 'desc' },
          },
        },
        take: 10,
        orderBy: { id: 'desc' },
      },
    },
  });
  return Response.json(schools);
}
