export async function GET() {
  const users = await prisma.user.findMany({
    include: {
      user_pilot_school_assignments: {
        include: { pilot_school: true },
        take: 10,
        orderBy: [{ user_id: 'desc' }, { pilot_school_id: 'desc' }]
      }
    },
    take: 20
  });
  return Response.json(users);
}
