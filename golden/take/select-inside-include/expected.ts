export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: {
      users: { select: { name: true, assessments_added: { select: { id: true }, take: 10, orderBy: { id: 'desc' } } }, take: 10, orderBy: { id: 'desc' } },
    },
    take: 5,
  });
  return Response.json(schools);
}
