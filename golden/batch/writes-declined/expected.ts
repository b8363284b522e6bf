export async function POST(request: Request) {
  const body = await request.json();
  const [log, student, school, user, visit] = await Promise.all([
    prisma.auditLog.create({ data: { action: 'sync' } }),
    prisma.student.update({ where: { id: body.studentId }, data: { synced: true } }),
    prisma.pilotSchool.findUnique({ where: { id: body.schoolId } }),
    prisma.user.findUnique({ where: { id: body.userId } }),
    prisma.mentoringVisit.findFirst({ where: { student_id: body.studentId } }),
  ]);
  return Response.json({ log, student, school, user, visit });
}
