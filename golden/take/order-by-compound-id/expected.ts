export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    include: { assignments: { take: 10, orderBy: [{ user_id: 'desc' }, { pilot_school_id: 'desc' }] } },
    take: 10,
  });
  return Response.json(schools);
}
