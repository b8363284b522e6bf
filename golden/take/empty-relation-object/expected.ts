export async function GET() {
  const schools = await prisma.pilotSchool.findMany({ include: { classes: { take: 10, orderBy: { id: 'desc' } } }, take: 4 });
  return Response.json(schools);
}
