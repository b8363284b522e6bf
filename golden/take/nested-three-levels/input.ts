export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: {
      classes: {
        include: {
          students: {
            include: { assessments: { select: { level: true } } },
          },
        },
      },
    },
  });
  return Response.json(schools);
}
