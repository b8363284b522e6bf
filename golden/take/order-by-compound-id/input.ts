export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: { assignments: true },
    take: 10,
  });
  return Response.json(schools);
}
