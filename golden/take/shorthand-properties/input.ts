async function listStudents(take: number, include: { assessments: true }) {
  // `take` as a shorthand bounds the parent; `include` as a shorthand is a variable
  const students = await prisma.student.findMany({ where: { name: { startsWith: 'A' } }, take, include });
  const schools = await prisma.pilotSchool.findMany({ take, include: { classes: true } });
  return { students, schools };
}

export async function GET() {
  return Response.json(await listStudents(5, { assessments: true }));
}
