export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: {
      classes: {
        include: {
          students: {
            include: { assessments: { select: { level: true }, take: 10 } },
            take: 10,
          },
        },
        take: 10,
      },
    },
  });
  return Response.json(schools);
}
