export async function GET() {
  const schools = await prisma.pilotSchool.findMany({ take: 50 });
  return Response.json(schools);
}
