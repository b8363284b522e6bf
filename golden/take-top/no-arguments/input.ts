export async function GET() {
  const schools = await prisma.pilotSchool.findMany();
  return Response.json(schools);
}
