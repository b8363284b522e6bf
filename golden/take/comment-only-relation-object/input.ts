export async function GET() {
  const school = await prisma.pilotSchool.findUnique({
    where: { id: 1 },
    include: {
      students: {
        // filters go here once the product decides on them
      },
      classes: { /* all of them */ },
    },
  });
  return Response.json(school);
}
