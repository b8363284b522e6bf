export async function GET() {
  const school = await prisma.pilotSchool.findUnique({
    where: { id: 1 },
    include: {
      students: {
        // filters go here once the product decides on them
        take: 10,
        orderBy: { id: 'desc' }
      },
      classes: { /* all of them */ take: 10, orderBy: { id: 'desc' } },
    },
  });
  return Response.json(school);
}
