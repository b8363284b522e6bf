export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const student = await prisma.student.findUnique({
    where: { id: Number(id) },
    include: { pilot_school: true, class: { select: { name: true } }, assessments: { take: 10, orderBy: { id: 'desc' } } },
  });
  return Response.json(student);
}
