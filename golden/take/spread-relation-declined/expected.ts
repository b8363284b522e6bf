const recent = { orderBy: { id: 'desc' as const }, take: 5 };

export async function GET() {
  const schools = await prisma.pilotSchool.findMany({
    take: 20,
    include: {
      students: { ...recent, where: { is_active: true } },
      classes: { take: 10, orderBy: { id: 'desc' } },
    },
  });
  return Response.json(schools);
}
