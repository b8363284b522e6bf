export async function GET() {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: 1 },
    select: {
      name: true,
      pilot_school: { select: { school_name: true } },
      user_pilot_school_assignments: { select: { pilot_school: { select: { school_name: true } } }, take: 10, orderBy: [{ user_id: 'desc' }, { pilot_school_id: 'desc' }] },
    },
  });
  return Response.json(user);
}
